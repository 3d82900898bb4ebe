"""A second street line, a state or province, a country, tags and the previous program's id: kept and edited."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QTableView

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers
from servicedesk.ui.actions import ActionId
from tests.customers.test_pane import _field, _open, host, people  # noqa: F401  (fixtures)


def test_create_keeps_the_address_parts_on_the_customer_and_the_main_site(office_db):
    result = customers.create(name="Marie Tremblay", street="88 Rue Saint-Paul", street2="Suite 2",
                              city="Montréal", state="QC", postcode="H2Y 1H3", country="Canada",
                              tags="VIP; monthly, vip", reference="J-1042")
    p = customers.get(result.id)
    assert (p.street, p.street2, p.city, p.state, p.postcode, p.country) == (
        "88 Rue Saint-Paul", "Suite 2", "Montréal", "QC", "H2Y 1H3", "CA")
    assert (p.tags, p.reference) == ("VIP, monthly", "J-1042")
    site = p.sites[0]
    assert (site.street2, site.state, site.country) == ("Suite 2", "QC", "CA")


def test_an_unknown_country_is_refused_by_name(office_db):
    with pytest.raises(ValidationError) as err:
        customers.create(name="Ann Lee", country="Narnia")
    assert "The country “Narnia” is not one ServiceDesk knows" in err.value.problems["country"]
    p = customers.create(name="Ann Lee", country="united states of america")
    assert customers.get(p.id).country == "US"


def test_a_site_with_an_unknown_country_is_named(dorothy):
    p = customers.get(dorothy)
    with pytest.raises(ValidationError) as err:
        customers.save_profile(dorothy, p.version, {}, sites=[
            {"label": "Cabin", "street": "1 Lake Road", "state": "Ontario", "country": "Atlantis"}])
    assert err.value.problems["sites.1.country"].startswith("Site 1 (Cabin): The country “Atlantis”")
    customers.save_profile(dorothy, p.version, {}, sites=[
        {"label": "Cabin", "street": "1 Lake Road", "street2": "Unit B", "state": "Ontario", "country": "Canada"}])
    site = customers.get(dorothy).sites[0]
    assert (site.label, site.street2, site.state, site.country) == ("Cabin", "Unit B", "Ontario", "CA")


def test_profile_details_edit_the_state_country_and_tags(host, qtbot):
    _open(host, qtbot, "Walter")
    for name, text in (("customerStreet2", "Suite 2"), ("customerState", "Ohio"), ("customerCountry", "USA"),
                       ("customerTags", "pool, weekly")):
        box = host.findChild(QLineEdit, name)
        box.clear()
        qtbot.keyClicks(box, text)
    host.findChild(QAction, ActionId.SAVE.value).trigger()
    walter = customers.get(customers.search_ids("Walter")[0])
    assert (walter.street2, walter.state, walter.country, walter.tags) == ("Suite 2", "Ohio", "US", "pool, weekly")
    _open(host, qtbot, "Walter")
    assert host.findChild(QLineEdit, "customerCountry").text() == "US"


def test_profile_sites_show_the_state_and_country(host, qtbot):
    _open(host, qtbot, "Dorothy")
    profile = host.pane.profile
    profile.tabs.setCurrentIndex(1)
    qtbot.mouseClick(_field(host, "addSite"), Qt.MouseButton.LeftButton)
    sites = host.findChild(QTableView, "customerSites").model()
    headers = [sites.headerData(c, Qt.Orientation.Horizontal) for c in range(sites.columnCount())]
    assert headers[:7] == ["Site", "Street", "Street line 2", "City", "State / province", "Postcode", "Country"]
    for column, text in ((1, "9 Hill Road"), (2, "Barn"), (4, "Kent"), (6, "GB")):
        sites.setData(sites.index(1, column), text, Qt.ItemDataRole.EditRole)
    host.findChild(QAction, ActionId.SAVE.value).trigger()
    added = customers.get(profile.customer_id).sites[1]
    assert (added.street, added.street2, added.state, added.country) == ("9 Hill Road", "Barn", "Kent", "GB")
