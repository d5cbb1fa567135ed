"""Supervision and officer pages, appended to `enforcement.urls` (namespace "enforcement")."""

from django.urls import path

from . import views as v

supervision_urlpatterns = [
    path("supervision/", v.dashboard, name="supervision"),
    path("supervision/reviews/", v.review_list, name="reviews"),
    path("supervision/reviews/<int:pk>/", v.review_detail, name="review_detail"),
    path("supervision/files/<int:pk>/score/", v.file_score, name="file_score"),
    path("supervision/opinions/", v.opinion_list, name="opinions"),
    path("supervision/opinions/<int:pk>/", v.opinion_detail, name="opinion_detail"),
    path("supervision/opinions/<int:pk>/document.docx", v.opinion_docx, name="opinion_docx"),
    path("supervision/referrals/", v.referral_list, name="referrals"),
    path("supervision/referrals/<int:pk>/", v.referral_detail, name="referral_detail"),
    path("supervision/referrals/from-case/<int:case_pk>/", v.referral_new, name="referral_new"),
    path("supervision/statistics/", v.statistics, name="statistics"),
    path("supervision/statistics/export.xlsx", v.statistics_export, name="statistics_export"),
    path("officers/certificates/", v.certificates, name="certificates"),
    path("officers/certificates/new/", v.certificate_new, name="certificate_new"),
    path("officers/certificates/export.xlsx", v.certificate_export, name="certificate_export"),
    path("officers/certificates/template.xlsx", v.certificate_template, name="certificate_template"),
    path("officers/certificates/import/", v.certificate_import, name="certificate_import"),
    path("officers/certificates/<int:pk>/<slug:verb>/", v.certificate_action, name="certificate_action"),
    path("officers/training/", v.training, name="training"),
    path("officers/training/template.xlsx", v.training_template, name="training_template"),
    path("officers/training/export.xlsx", v.training_export, name="training_export"),
    path("officers/training/import/", v.training_import, name="training_import"),
]
