"""Staff pages under /org/: scoped, permission-checked, import with errors on the page."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from openpyxl import load_workbook

from fazhi.org import excel
from fazhi.org.models import Agency
from fazhi.org.tests.factories import make_uscc
from fazhi.org.tests.test_excel import AGENCY_HEADER, agency_row, xlsx


def upload(content, name="agencies.xlsx"):
    return SimpleUploadedFile(name, content, content_type=excel.XLSX_CONTENT_TYPE)


def test_pages_need_login(client, db):
    response = client.get("/org/")
    assert (response.status_code, response["Location"]) == (302, "/org/login/?next=/org/")


def test_agency_list_is_scoped_and_filtered(client, supervisor, officer, agency, other_agency):
    client.force_login(supervisor)
    html = client.get("/org/?kind=justice_bureau").content.decode()
    assert "示范县司法局" in html
    assert "示范县交通运输局" not in html
    client.force_login(officer)
    html = client.get("/org/").content.decode()
    assert "示范县市场监督管理局" in html
    assert "示范县交通运输局" not in html
    assert "导入行政机关" not in html


def test_agency_detail_outside_scope_is_404(client, officer, other_agency):
    client.force_login(officer)
    assert client.get(f"/org/agencies/{other_agency.pk}/").status_code == 404


def test_agency_detail_lists_staff(client, agency_admin, officer):
    client.force_login(agency_admin)
    html = client.get(f"/org/agencies/{officer.agency_id}/").content.decode()
    assert "officer" in html
    assert "停用" in html


def test_staff_list_and_deactivate(client, agency_admin, officer):
    client.force_login(agency_admin)
    html = client.get("/org/staff/").content.decode()
    assert f"<td>{officer.full_name}</td>" in html
    response = client.post(f"/org/staff/{officer.pk}/deactivate/")
    officer.refresh_from_db()
    assert (response.status_code, officer.is_active) == (302, False)


def test_officer_cannot_open_import(client, officer):
    client.force_login(officer)
    assert client.get("/org/agencies/import/").status_code == 403


def test_import_page_shows_row_errors_and_offers_report(client, supervisor, jurisdiction):
    # given
    client.force_login(supervisor)
    content = xlsx(
        [AGENCY_HEADER, agency_row("示范县水利局", make_uscc(701)), agency_row("", make_uscc(702))]
    )
    # when
    response = client.post("/org/agencies/import/", {"file": upload(content)})
    # then
    html = response.content.decode()
    assert response.status_code == 400
    assert "第 3 行" in html
    assert "名称不能为空。" in html
    assert "未导入任何数据" in html
    assert not Agency.objects.filter(name="示范县水利局").exists()
    report = load_workbook(io.BytesIO(client.get("/org/import/errors.xlsx").content))
    assert [c.value for c in report.active[2]] == ["第 3 行", "名称", "名称不能为空。"]


def test_import_page_success(client, supervisor, jurisdiction):
    client.force_login(supervisor)
    content = xlsx([AGENCY_HEADER, agency_row("示范县水利局", make_uscc(703))])
    response = client.post("/org/agencies/import/", {"file": upload(content)})
    assert response.status_code == 200
    assert "导入成功：共 1 行，新增 1 条，更新 0 条。" in response.content.decode()
    assert Agency.objects.filter(name="示范县水利局").count() == 1


def test_import_page_broken_file(client, supervisor, jurisdiction):
    client.force_login(supervisor)
    response = client.post("/org/agencies/import/", {"file": upload(b"not a spreadsheet", "a.xls")})
    assert response.status_code == 400
    assert "无法读取该文件：请上传 Excel 2007 及以上格式（.xlsx）的文件" in response.content.decode()


def test_exports_and_templates_download(client, agency_admin, officer):
    client.force_login(agency_admin)
    for url in (
        "/org/agencies/export.xlsx",
        "/org/staff/export.xlsx",
        "/org/agencies/template.xlsx",
        "/org/staff/template.xlsx",
    ):
        response = client.get(url)
        assert (response.status_code, response["Content-Type"]) == (200, excel.XLSX_CONTENT_TYPE)
    wb = load_workbook(io.BytesIO(client.get("/org/agencies/export.xlsx").content))
    assert [r[0].value for r in wb.worksheets[0].iter_rows(min_row=2)] == ["示范县市场监督管理局"]


def test_supervisor_creates_agency_through_the_form_and_sees_warnings(client, supervisor, jurisdiction):
    # given
    client.force_login(supervisor)
    data = {
        "name": "示范县水利局",
        "uscc": make_uscc(803),
        "kind": "department",
        "has_enforcement_authority": "on",
    }
    # when
    response = client.post("/org/agencies/new/", data, follow=True)
    # then
    created = Agency.objects.get(name="示范县水利局")
    assert (created.uscc, created.has_enforcement_authority) == (make_uscc(803), True)
    assert "第9–17位组织机构代码的校验位不符" in response.content.decode()


def test_agency_form_shows_uscc_error_next_to_the_field_and_keeps_input(client, supervisor, jurisdiction):
    client.force_login(supervisor)
    bad = make_uscc(802)[:17] + ("0" if make_uscc(802)[17] != "0" else "1")
    response = client.post("/org/agencies/new/", {"name": "示范县水利局", "uscc": bad, "kind": "department"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "统一社会信用代码校验位错误" in html
    assert 'value="示范县水利局"' in html
    assert not Agency.objects.filter(name="示范县水利局").exists()


def test_agency_admin_edit_form_has_contact_fields_only(client, agency_admin, agency):
    client.force_login(agency_admin)
    html = client.get(f"/org/agencies/{agency.pk}/edit/").content.decode()
    assert 'name="phone"' in html
    assert 'name="uscc"' not in html
    response = client.post(
        f"/org/agencies/{agency.pk}/edit/", {"short_name": "市场监管局", "address": "", "phone": "123"}
    )
    agency.refresh_from_db()
    assert (response.status_code, agency.short_name, agency.phone) == (302, "市场监管局", "123")


def test_officer_cannot_open_agency_edit(client, officer, agency):
    client.force_login(officer)
    assert client.get(f"/org/agencies/{agency.pk}/edit/").status_code == 403


def test_staff_create_form(client, agency_admin, agency):
    from fazhi.org.models import User

    client.force_login(agency_admin)
    html = client.get(f"/org/staff/new/?agency={agency.pk}").content.decode()
    assert 'value="supervisor"' not in html  # an agency admin cannot give jurisdiction roles
    data = {
        "username": "wangwu",
        "full_name": "王五",
        "role": "officer",
        "agency": agency.pk,
        "password": "123",
    }
    response = client.post("/org/staff/new/", data)
    assert response.status_code == 400
    assert "初始密码不符合要求" in response.content.decode()
    data["password"] = "Shifan-county-2026"
    assert client.post("/org/staff/new/", data).status_code == 302
    assert User.objects.get(username="wangwu").agency_id == agency.pk


def test_staff_edit_form(client, supervisor, officer, other_agency):
    client.force_login(supervisor)
    data = {"full_name": "改名", "role": "officer", "agency": other_agency.pk}
    response = client.post(f"/org/staff/{officer.pk}/edit/", data)
    officer.refresh_from_db()
    assert (response.status_code, officer.full_name, officer.agency_id) == (302, "改名", other_agency.pk)


def test_staff_export_is_audited(client, agency_admin, officer):
    from fazhi.core.audit.models import AuditEntry

    client.force_login(agency_admin)
    client.get("/org/staff/export.xlsx")
    entry = AuditEntry.objects.get(action="org.export_staff")
    assert (entry.actor_id, entry.after["count"]) == (agency_admin.pk, 2)


def test_forbidden_page_is_chinese(client, officer):
    client.force_login(officer)
    response = client.get("/org/agencies/import/")
    assert response.status_code == 403
    assert "您无权批量导入。" in response.content.decode()


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_run_a_fixed_number_of_queries(client, supervisor, jurisdiction):
    from fazhi.org.tests.factories import AgencyFactory, UserFactory

    # given
    client.force_login(supervisor)
    small = (_queries(client, "/org/"), _queries(client, "/org/staff/"))
    for i in range(8):
        a = AgencyFactory(jurisdiction=jurisdiction, parent=supervisor.agency)
        UserFactory(username=f"bulk{i}", agency=a)
    # when
    large = (_queries(client, "/org/"), _queries(client, "/org/staff/"))
    # then
    assert large == small


def test_deactivated_account_can_be_restored(client, agency_admin, officer):
    client.force_login(agency_admin)
    client.post(f"/org/staff/{officer.pk}/deactivate/")
    html = client.get(f"/org/agencies/{officer.agency_id}/").content.decode()
    assert f"/org/staff/{officer.pk}/activate/" in html
    assert client.post(f"/org/staff/{officer.pk}/activate/").status_code == 302
    officer.refresh_from_db()
    assert officer.is_active is True


def test_officer_cannot_deactivate_via_page(client, officer, legal_reviewer):
    client.force_login(officer)
    assert client.post(f"/org/staff/{legal_reviewer.pk}/deactivate/").status_code == 403
    legal_reviewer.refresh_from_db()
    assert legal_reviewer.is_active is True
