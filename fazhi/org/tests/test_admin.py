"""The Django admin shows org records but does not write them (writes go through the services)."""

import pytest


@pytest.mark.parametrize("model", ["jurisdiction", "agency", "user", "certificate", "trainingrecord"])
def test_admin_lists_but_cannot_add(model, client, superuser, agency, officer):
    client.force_login(superuser)
    assert client.get(f"/admin/org/{model}/").status_code == 200
    assert client.get(f"/admin/org/{model}/add/").status_code == 403


def test_admin_change_page_is_read_only_and_hides_password(client, superuser, officer):
    client.force_login(superuser)
    html = client.get(f"/admin/org/user/{officer.pk}/change/").content.decode()
    assert 'name="username"' not in html  # read-only: no input
    assert "md5$" not in html  # no password hash shown
