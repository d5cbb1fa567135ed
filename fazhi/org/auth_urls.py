"""Login and logout keep their project-wide names (`{% url 'login' %}`, `{% url 'logout' %}`)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from fazhi.org.auth import FazhiLoginView

urlpatterns = [
    path("login/", FazhiLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
