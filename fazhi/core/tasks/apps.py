from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "fazhi.core.tasks"
    label = "core_tasks"
    verbose_name = "后台任务"
