"""Forms of the staff UI. They parse input only; the services validate, check permission and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from fazhi.org.choices import AgencyKind, Role
from fazhi.org.models import Agency


def add_service_error(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError next to its field (or above the form when no such field)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class AgencyForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=30, required=False)
    uscc = forms.CharField(label="统一社会信用代码", max_length=18)
    kind = forms.ChoiceField(label="机关类型", choices=AgencyKind.choices)
    parent = forms.ModelChoiceField(label="上级机关", queryset=Agency.objects.none(), required=False)
    has_enforcement_authority = forms.BooleanField(label="具有行政执法主体资格", required=False)
    address = forms.CharField(label="地址", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    uscc_override_reason = forms.CharField(
        label="校验不通过的历史代码接受理由",
        max_length=200,
        required=False,
        help_text="仅当代码为早期试点地区校验位不符的合法历史代码时填写（司法局监督人员），记入审计日志。",
    )

    def __init__(
        self,
        *args: Any,
        parents: Any = None,
        contact_only: bool = False,
        can_override: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        if contact_only:
            for name in list(self.fields):
                if name not in {"short_name", "address", "phone"}:
                    del self.fields[name]
        elif not can_override:
            del self.fields["uscc_override_reason"]


class StaffForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=50)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    agency = forms.ModelChoiceField(label="所在机关", queryset=Agency.objects.none())
    is_head = forms.BooleanField(label="机关（机构）负责人", required=False)
    id_number = forms.CharField(label="居民身份证号码", max_length=18, required=False)
    phone = forms.CharField(label="手机号码", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text="至少10位，不能全为数字，不能过于常见或与用户名相近。修改账号时留空表示不修改密码。",
    )

    def __init__(
        self, *args: Any, agencies: Any = None, roles: Any = None, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        if roles is not None:
            self.fields["role"].choices = roles  # type: ignore[attr-defined]
        if editing:
            del self.fields["username"]
        else:
            self.fields["password"].required = True
