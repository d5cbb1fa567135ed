from django.urls import path

from rest_framework.routers import SimpleRouter

from .. import verbs
from . import views as v

router = SimpleRouter()
router.register("matters", v.InspectionMatterViewSet, basename="inspection-matter")
router.register("entities", v.InspectionEntityViewSet, basename="inspection-entity")
router.register("inspectors", v.InspectorViewSet, basename="inspection-inspector")
router.register("plans", v.InspectionPlanViewSet, basename="inspection-plan")
router.register("draws", v.InspectionDrawViewSet, basename="inspection-draw")
router.register("tasks", v.InspectionTaskViewSet, basename="inspection-task")
router.register("ratings", v.InspectionRatingViewSet, basename="inspection-rating")

urlpatterns = [
    path("entities/import/", v.InspectionEntityImportApi.as_view(), name="inspection-entity-import"),
    path("plans/counts/", v.InspectionPlanCountsApi.as_view(), name="inspection-plan-counts"),
    path("plans/overlaps/", v.InspectionPlanOverlapsApi.as_view(), name="inspection-plan-overlaps"),
    *verbs.PLAN_VERBS.api_urls(),
    path(
        "plans/<int:pk>/commit-draw/", v.InspectionDrawCommitApi.as_view(), name="inspection-plan-commit-draw"
    ),
    *[
        path(f"draws/<int:pk>/{verb}/", view.as_view(), name=f"inspection-draw-{verb}")
        for verb, view in v.DRAW_VERBS.items()
    ],
    path("draws/<int:pk>/files/<str:name>", v.InspectionDrawFileApi.as_view(), name="inspection-draw-file"),
    *verbs.TASK_VERBS.api_urls(),
    *router.urls,
]
