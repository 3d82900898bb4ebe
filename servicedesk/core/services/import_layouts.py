"""What each column of a customer list means: the fields it can feed, and the layouts other products export.

Every layout below lists the column names the product writes in its client or customer export,
with where those names come from. A column is matched by its name folded to letters and digits
("Main Phone #s" → "mainphones"); a layout's own names win over the general synonyms, because
the same word means different things in different products ("Street" is the service address in
Housecall Pro's reports, the billing address elsewhere).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# ------------------------------------------------------------------ the fields a column can feed

# key → label shown in the mapping; the order is the order of the mapping's choices.
FIELDS = {
    "name": "Name",
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "name_title": "Title (Mr., Ms., Dr.)",
    "name_suffix": "Name suffix",
    "company": "Company",
    "salutation": "Salutation",
    "status": "Status",
    "cancel_reason": "Cancel reason",
    "customer_since": "Customer since",
    "trade": "Trade",
    "preferred_channel": "Preferred channel",
    "best_time": "Best time",
    "technician": "Technician",
    "reference": "Client id",
    "tags": "Tags",
    "notes": "Notes",
    "note_line": "Notes, as a labelled line",
    "phone": "Phone",
    "mobile": "Mobile phone",
    "home_phone": "Home phone",
    "work_phone": "Work phone",
    "other_phone": "Other phone",
    "fax": "Fax",
    "email": "Email",
    "other_email": "Other email",
    "label": "Kind of the phone, email or address beside it",
    "contact": "Contact person",
    "street": "Street",
    "street2": "Street line 2",
    "city": "City",
    "state": "State / province",
    "postcode": "Postcode",
    "country": "Country",
    "address_lines": "Address, as lines",
    "site_label": "Service address: name",
    "site_street": "Service address: street",
    "site_street2": "Service address: street line 2",
    "site_city": "Service address: city",
    "site_state": "Service address: state / province",
    "site_postcode": "Service address: postcode",
    "site_country": "Service address: country",
    "site_access": "Service address: access notes",
    "site_lines": "Service address, as lines",
    "site2_label": "Second service address: name",
    "site2_street": "Second service address: street",
    "site2_street2": "Second service address: street line 2",
    "site2_city": "Second service address: city",
    "site2_state": "Second service address: state / province",
    "site2_postcode": "Second service address: postcode",
    "site2_country": "Second service address: country",
    "site2_lines": "Second service address, as lines",
    "skip": "Left out",
}
PHONE_ROLES = {"phone": "Phone", "mobile": "Mobile", "home_phone": "Home", "work_phone": "Work",
               "other_phone": "Other phone", "fax": "Fax"}
ADDRESS_PARTS = ("street", "street2", "city", "state", "postcode", "country")
SITE_GROUPS = ("site", "site2")


def header_key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header.replace("\ufeff", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^0-9a-z]", "", text)


# ------------------------------------------------------------------ names any list may use

SYNONYMS = {
    "name": ("name", "fullname", "customer", "customername", "contactname", "clientname", "displayname",
             "displaynameas"),
    "first_name": ("firstname", "givenname", "forename"),
    "middle_name": ("middlename", "additionalname", "mi"),
    "last_name": ("lastname", "surname", "familyname"),
    "name_title": ("title", "nameprefix", "prefix", "mrmsdr", "mrms"),
    "name_suffix": ("suffix", "namesuffix"),
    "company": ("company", "companyname", "organisation", "organization", "business", "businessname",
                "organizationname", "organization1name"),
    "phone": ("phone", "telephone", "tel", "phonenumber", "telephonenumber", "mainphone", "primaryphone",
              "phone1", "phones"),
    "mobile": ("mobile", "cell", "cellphone", "mobilephone", "mobilenumber", "cellnumber"),
    "home_phone": ("homephone", "homenumber"),
    "work_phone": ("workphone", "worknumber", "businessphone", "officephone"),
    "other_phone": ("otherphone", "altphone", "alternatephone", "phone2", "secondaryphone"),
    "fax": ("fax", "faxnumber", "faxphone"),
    "email": ("email", "emailaddress", "mail", "emails", "mainemail", "primaryemail"),
    "other_email": ("otheremail", "email2", "secondaryemail", "ccemail", "alternateemail"),
    "street": ("street", "address", "streetaddress", "address1", "addressline1", "street1", "billingstreet",
               "billingaddress", "billingaddressline1", "billingstreet1"),
    "street2": ("street2", "address2", "addressline2", "streetline2", "suite", "unit", "apt",
                "billingstreet2", "billingaddressline2"),
    "city": ("city", "town", "billingcity", "suburb"),
    "state": ("state", "province", "county", "region", "stateprovince", "provincestate", "stateregion",
              "billingstate", "billingprovince"),
    "postcode": ("postcode", "zip", "zipcode", "postalcode", "postcodezip", "billingzip", "billingzipcode",
                 "billingpostalcode"),
    "country": ("country", "countryregion", "billingcountry", "nation"),
    "site_label": ("propertyname", "locationname", "sitename", "servicepropertyname"),
    "site_street": ("servicestreet", "servicestreet1", "serviceaddress", "propertystreet", "propertyaddress",
                    "locationaddress", "locationstreet", "sitestreet", "siteaddress", "jobaddress"),
    "site_street2": ("servicestreet2", "propertystreet2", "locationaddress2", "locationstreet2"),
    "site_city": ("servicecity", "propertycity", "locationcity", "sitecity"),
    "site_state": ("servicestate", "serviceprovince", "propertystate", "propertyprovince", "locationstate",
                   "sitestate"),
    "site_postcode": ("servicezip", "servicezipcode", "servicepostalcode", "propertyzip", "propertypostalcode",
                      "locationzip", "sitepostcode"),
    "site_country": ("servicecountry", "propertycountry", "locationcountry"),
    "site_access": ("accessnotes", "locationnote", "sitenotes", "propertynotes"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "clientnotes", "customernotes", "notepad"),
    "salutation": ("salutation", "greeting", "dear"),
    "status": ("status", "customerstatus", "clientstatus", "activestatus"),
    "cancel_reason": ("cancelreason", "cancellationreason"),
    "customer_since": ("customersince", "since", "createddate", "createdat", "created", "datecreated",
                       "createdon", "dateadded", "clientsince"),
    "trade": ("trade", "service", "line"),
    "preferred_channel": ("preferredchannel", "channel"),
    "best_time": ("besttime", "besttimetocall", "besttimetoreach"),
    "technician": ("technician", "tech", "assignedtechnician"),
    "reference": ("clientid", "customerid", "accountnumber", "accountno", "account", "jid", "reference", "ref",
                  "externalid", "customernumber", "clientnumber", "id"),
    "tags": ("tags", "tag", "labels", "customertags", "clienttags", "categories", "groupmembership"),
}
_SYNONYM_FIELD = {syn: name for name, syns in SYNONYMS.items() for syn in syns}

# Fields a second column may feed too: every value is kept (joined, or as one more number, email, line).
MANY = {"phone", "mobile", "home_phone", "work_phone", "other_phone", "fax", "email", "other_email", "notes",
        "note_line", "tags", "address_lines", "site_lines", "site2_lines", "street2", "site_street2",
        "site2_street2", "contact", "label", "skip", "site_access", "middle_name"}


# ------------------------------------------------------------------ the products' own layouts

@dataclass(frozen=True)
class Layout:
    name: str
    source: str  # where the column names come from
    columns: dict[str, str]  # column name as exported → field
    signature: tuple[str, ...] = ()  # columns only this product writes: one of them must be in the file
    site_labels: tuple[str, str] = ("Main", "Site 2")  # names of the service addresses when the file has none

    def keys(self) -> dict[str, str]:
        return {header_key(h): f for h, f in self.columns.items()}


# Jobber, Clients > Export (CSV). Column names as written by Jobber's client export; they are the names
# public importers written against real exports read (for example "J-ID", "Display Name", "Main Phone #s",
# "E-mails", "Billing Street 1", "Service Property Name", "Service Zip code", "Receives automatic visit
# reminders?"), and Jobber's help centre (help.getjobber.com, "Import your Clients") describes the same
# billing/property split. One row per property: rows sharing a J-ID are one client with several properties.
JOBBER = Layout("Jobber", "Jobber client export (Clients > More actions > Export)", {
    "J-ID": "reference", "Display Name": "name", "Company Name": "company", "Title": "name_title",
    "First Name": "first_name", "Last Name": "last_name",
    "Main Phone #s": "phone", "Mobile Phone #s": "mobile", "Home Phone #s": "home_phone",
    "Work Phone #s": "work_phone", "Fax Phone #s": "fax", "Other Phone #s": "other_phone",
    "Text Message Enabled Phone #": "note_line", "E-mails": "email", "Tags": "tags",
    "Billing Street 1": "street", "Billing Street 2": "street2", "Billing City": "city",
    "Billing State": "state", "Billing Country": "country", "Billing Zip code": "postcode",
    "Service Property Name": "site_label", "Service Street 1": "site_street", "Service Street 2": "site_street2",
    "Service City": "site_city", "Service State": "site_state", "Service Country": "site_country",
    "Service Zip code": "site_postcode", "Created Date": "customer_since", "Lead Source": "note_line",
    "Archived": "note_line", "Is Company?": "note_line",
    "Receives automatic visit reminders?": "note_line", "Receives automatic job follow-ups?": "note_line",
    "Receives automatic quote follow-ups?": "note_line", "Receives automatic invoice follow-ups?": "note_line",
    "Notes": "notes",
}, signature=("J-ID", "Main Phone #s", "Mobile Phone #s", "E-mails", "Billing Street 1", "Service Street 1"))

# Housecall Pro, Customers > Export. Housecall Pro's help centre lists the customer columns of its
# exported reports ("Exported Report Breakdown", help.housecallpro.com/en/articles/2999685): Customer
# (the display name), First Name, Last Name, Email, Company, Mobile Phone, Home Phone, Customer Tags, and
# the address as Street, Street Line 2, City, State, Zip; its customer record (developer API) adds the
# work number, lead source, notes and the creation date.
HOUSECALL_PRO = Layout("Housecall Pro", "Housecall Pro customer export", {
    "Customer": "name", "Display Name": "name", "First Name": "first_name", "Last Name": "last_name",
    "Email": "email", "Additional Emails": "other_email", "Company": "company", "Role": "note_line",
    "Mobile Phone": "mobile", "Home Phone": "home_phone", "Work Phone": "work_phone",
    "Customer Tags": "tags", "Tags": "tags", "Street": "street", "Street Line 2": "street2", "City": "city",
    "State": "state", "Zip": "postcode", "Notes": "notes", "Lead Source": "note_line",
    "Customer ID": "reference", "Created At": "customer_since", "Do Not Service": "note_line",
}, signature=("Street Line 2", "Customer Tags", "Additional Emails"))

# GorillaDesk, Customers > Export. Column names follow GorillaDesk's customer record as its public v1 API
# documents it (OpenAPI at api.gorilladesk.com; copied in the api-evangelist/gorilladesk repository):
# account_number, first_name, last_name, company, email, phones by type, source, tags, status, created,
# and each location's name, address_line_1/2, city, state, zip, county, note with its billing_address_*.
GORILLADESK = Layout("GorillaDesk", "GorillaDesk customer export", {
    "Account Number": "reference", "Account #": "reference", "First Name": "first_name", "Last Name": "last_name",
    "Company": "company", "Email": "email", "Mobile Phone": "mobile", "Home Phone": "home_phone",
    "Work Phone": "work_phone", "Office Phone": "work_phone", "Other Phone": "other_phone", "Fax": "fax",
    "Status": "status", "Source": "note_line", "Tags": "tags", "Created": "customer_since",
    "Location Name": "site_label", "Address To": "note_line", "Address Line 1": "site_street",
    "Address Line 2": "site_street2", "City": "site_city", "State": "site_state", "Zip": "site_postcode",
    "County": "note_line", "Location Note": "site_access",
    "Billing To": "note_line", "Billing Address Line 1": "street", "Billing Address Line 2": "street2",
    "Billing City": "city", "Billing State": "state", "Billing Zip": "postcode", "Notes": "notes",
}, signature=("Account Number", "Account #", "Billing Address Line 1", "Address To", "Billing To"))

# ServiceTitan, Reports > Customers (export). ServiceTitan's help centre ("Customer and Location Records
# overview", help.servicetitan.com) says customer records hold the billing address and location records
# the service address, several locations per customer; its report templates name the columns Customer
# Name, Location Address and so on. One row per location, so rows sharing a Customer ID are one customer.
SERVICETITAN = Layout("ServiceTitan", "ServiceTitan customer report export", {
    "Customer ID": "reference", "Customer Id": "reference", "Customer Name": "name", "Customer Type": "note_line",
    "Customer Address": "street", "Customer Street": "street", "Customer Unit": "street2",
    "Customer City": "city", "Customer State": "state", "Customer Zip": "postcode", "Customer Country": "country",
    "Customer Phone": "phone", "Phone Number": "phone", "Mobile Phone": "mobile", "Customer Email": "email",
    "Email": "email", "Location ID": "note_line", "Location Name": "site_label",
    "Location Address": "site_street", "Location Street": "site_street", "Location Unit": "site_street2",
    "Location City": "site_city", "Location State": "site_state", "Location Zip": "site_postcode",
    "Location Country": "site_country", "Member Status": "note_line", "Membership Type": "note_line",
    "Customer Tags": "tags", "Tags": "tags", "Created On": "customer_since", "Customer Created Date": "customer_since",
    "Do Not Service": "note_line", "Do Not Mail": "note_line", "Notes": "notes",
}, signature=("Customer ID", "Customer Id", "Location Address", "Location Name", "Member Status"))

# QuickBooks Online, Sales > Customers > Export, and its customer import sheet. Names as QuickBooks
# Online's customer fields are written in its import sheets (Title, Company, First Name, Middle Name,
# Last Name, Suffix, Display Name As, Billing Address Line 1-3, City, State, Postal Code, Country,
# Shipping Address …, Phone, Mobile, Fax, Other, Website, Email; documented by Transaction Pro's
# QuickBooks Online importer reference and Intuit's import guide) and the customer list export's
# Customer, Phone Numbers, Email, Billing Address, Open Balance, Notes.
QUICKBOOKS_ONLINE = Layout("QuickBooks Online", "QuickBooks Online customer list", {
    "Customer": "name", "Display Name As": "name", "Print On Check As": "note_line", "Title": "name_title",
    "Company": "company", "Company name": "company", "First Name": "first_name", "Middle Name": "middle_name",
    "Last Name": "last_name", "Suffix": "name_suffix", "Customer Type": "note_line",
    "Billing Address Line 1": "street", "Billing Address Line 2": "street2", "Billing Address Line 3": "street2",
    "Billing Address City": "city", "Billing Address State": "state", "Billing Address Postal Code": "postcode",
    "Billing Address Country": "country", "Billing Address": "address_lines",
    "Shipping Address Line 1": "site_street", "Shipping Address Line 2": "site_street2",
    "Shipping Address Line 3": "site_street2", "Shipping Address City": "site_city",
    "Shipping Address State": "site_state", "Shipping Address Postal Code": "site_postcode",
    "Shipping Address Country": "site_country", "Shipping Address": "site_lines",
    "Street Address": "street", "City": "city", "State": "state", "Country": "country", "Zip": "postcode",
    "Phone": "phone", "Phone Numbers": "phone", "Mobile": "mobile", "Fax": "fax", "Other": "other_phone",
    "Website": "note_line", "Email": "email", "Open Balance": "note_line", "Attachments": "note_line",
    "Notes": "notes", "Terms": "note_line", "Payment Method": "note_line", "Customer since": "customer_since",
}, signature=("Display Name As", "Billing Address City", "Billing Address Line 1", "Phone Numbers", "Open Balance", "Print On Check As"), site_labels=("Shipping address", "Site 2"))

# QuickBooks Desktop, Customer Center > Excel > Export Customer List. Names as QuickBooks Desktop writes
# them: Active Status, Customer, Balance, Company, Mr./Ms./…, First Name, M.I., Last Name, Primary Contact,
# Main Phone, Work Phone, Mobile, Home Phone, Alt. Phone, Fax, Main Email, CC Email, Bill to 1-5, Ship to 1-5,
# Customer Type, Terms, Rep, Account No., Job Status … (the same names are read by public importers of
# real QuickBooks customer exports; the address block's lines are numbered, not named).
QUICKBOOKS_DESKTOP = Layout("QuickBooks Desktop", "QuickBooks Desktop customer list export", {
    "Active Status": "status", "Customer": "name", "Balance": "note_line", "Balance Total": "note_line",
    "Company": "company", "Mr./Ms./...": "name_title", "First Name": "first_name", "M.I.": "middle_name",
    "Last Name": "last_name", "Primary Contact": "contact", "Secondary Contact": "contact",
    "Main Phone": "phone", "Work Phone": "work_phone", "Mobile": "mobile", "Home Phone": "home_phone",
    "Alt. Phone": "other_phone", "Fax": "fax", "Main Email": "email", "CC Email": "other_email",
    "Job Title": "note_line", "Bill to 1": "address_lines", "Bill to 2": "address_lines",
    "Bill to 3": "address_lines", "Bill to 4": "address_lines", "Bill to 5": "address_lines",
    "Ship to 1": "site_lines", "Ship to 2": "site_lines", "Ship to 3": "site_lines", "Ship to 4": "site_lines",
    "Ship to 5": "site_lines", "Street1": "street", "Street2": "street2", "City": "city", "State": "state",
    "Zip": "postcode", "Country": "country", "Customer Type": "note_line", "Terms": "note_line", "Rep": "note_line",
    "Sales Tax Code": "note_line", "Tax item": "note_line", "Resale Num": "note_line", "Account No.": "reference",
    "Credit Limit": "note_line", "Job Status": "note_line", "Job Type": "note_line", "Job Description": "note_line",
    "Start Date": "note_line", "Projected End": "note_line", "End Date": "note_line", "Note": "notes",
    "Notes": "notes",
}, signature=("Bill to 1", "Mr./Ms./...", "M.I.", "Main Email", "Active Status", "Account No."), site_labels=("Ship to", "Site 2"))

# Outlook, File > Open & Export > Import/Export > Export to a file (CSV). Microsoft's own list of the
# columns ("Create or edit .csv files to import into Outlook", support.microsoft.com), also in public
# converters of Outlook exports (michalbe/csv2vcard's README lists the whole export header).
_OUTLOOK_SKIP = ("E-mail Type", "E-mail Display Name", "E-mail 2 Type", "E-mail 2 Display Name",
                 "E-mail 3 Type", "E-mail 3 Display Name", "Priority", "Private", "Sensitivity", "Initials",
                 "Given Name Yomi", "Surname Yomi", "Family Name Yomi", "Company Yomi")
OUTLOOK = Layout("Outlook contacts", "Outlook contacts export (CSV)", {
    "Title": "name_title", "First Name": "first_name", "Middle Name": "middle_name", "Last Name": "last_name",
    "Suffix": "name_suffix", "Company": "company", "Department": "note_line", "Job Title": "note_line",
    "Business Street": "street", "Business Street 2": "street2", "Business Street 3": "street2",
    "Business City": "city", "Business State": "state", "Business Postal Code": "postcode",
    "Business Country/Region": "country", "Business Country": "country",
    "Home Street": "site_street", "Home Street 2": "site_street2", "Home Street 3": "site_street2",
    "Home City": "site_city", "Home State": "site_state", "Home Postal Code": "site_postcode",
    "Home Country/Region": "site_country", "Home Country": "site_country",
    "Other Street": "site2_street", "Other Street 2": "site2_street2", "Other Street 3": "site2_street2",
    "Other City": "site2_city", "Other State": "site2_state", "Other Postal Code": "site2_postcode",
    "Other Country/Region": "site2_country", "Other Country": "site2_country",
    "Assistant's Phone": "other_phone", "Business Fax": "fax", "Business Phone": "work_phone",
    "Business Phone 2": "work_phone", "Callback": "other_phone", "Car Phone": "mobile",
    "Company Main Phone": "work_phone", "Home Fax": "fax", "Home Phone": "home_phone", "Home Phone 2": "home_phone",
    "ISDN": "other_phone", "Mobile Phone": "mobile", "Other Fax": "fax", "Other Phone": "other_phone",
    "Pager": "other_phone", "Primary Phone": "phone", "Radio Phone": "other_phone", "TTY/TDD Phone": "other_phone",
    "Telex": "other_phone", "Account": "reference", "Anniversary": "note_line", "Assistant's Name": "note_line",
    "Billing Information": "note_line", "Birthday": "note_line", "Business Address PO Box": "street2",
    "Categories": "tags", "Children": "note_line", "Directory Server": "note_line", "E-mail Address": "email",
    "E-mail 2 Address": "other_email", "E-mail 3 Address": "other_email", "Gender": "note_line",
    "Government ID Number": "note_line", "Hobby": "note_line", "Home Address PO Box": "site_street2",
    "Internet Free Busy": "note_line", "Keywords": "note_line", "Language": "note_line", "Location": "note_line",
    "Manager's Name": "note_line", "Mileage": "note_line", "Notes": "notes", "Office Location": "note_line",
    "Organizational ID Number": "note_line", "Other Address PO Box": "site2_street2", "Profession": "note_line",
    "Referred By": "note_line", "Spouse": "note_line", "User 1": "note_line", "User 2": "note_line",
    "User 3": "note_line", "User 4": "note_line", "Web Page": "note_line",
    **{name: "skip" for name in _OUTLOOK_SKIP},
}, signature=("E-mail Address", "Business Street", "Home Street", "Business Phone", "Categories"), site_labels=("Home", "Other address"))

# Google Contacts, Export > Google CSV. Google's export header (public tools that read it list it whole,
# e.g. sohamb117/ContactExtractor's expectedHeaders): Name Prefix, First Name, Middle Name, Last Name,
# Name Suffix, Nickname, File As, E-mail N - Label/Value, Phone N - Label/Value, Address N - Label,
# Street, Extended Address, City, Region, Postal Code, Country, PO Box, Organization Name/Title/
# Department, Birthday, Notes, Labels; the older export wrote Given Name, Family Name, "… - Type",
# "Address N - Formatted", Organization 1 - Name and Group Membership instead.
GOOGLE = Layout("Google Contacts", "Google Contacts export (Google CSV)", {
    "Name": "name", "Name Prefix": "name_title", "First Name": "first_name", "Given Name": "first_name",
    "Middle Name": "middle_name", "Additional Name": "middle_name", "Last Name": "last_name",
    "Family Name": "last_name", "Name Suffix": "name_suffix", "Nickname": "note_line", "File As": "note_line",
    "Phonetic First Name": "note_line", "Phonetic Middle Name": "note_line", "Phonetic Last Name": "note_line",
    "Yomi Name": "note_line", "Given Name Yomi": "note_line", "Additional Name Yomi": "note_line",
    "Family Name Yomi": "note_line", "Name Prefix Yomi": "note_line", "Name Suffix Yomi": "note_line",
    "Short Name": "note_line", "Maiden Name": "note_line", "Initials": "skip",
    "Organization Name": "company", "Organization 1 - Name": "company", "Organization Title": "note_line",
    "Organization 1 - Title": "note_line", "Organization Department": "note_line",
    "Organization 1 - Department": "note_line", "Organization 1 - Type": "skip", "Birthday": "note_line",
    "Notes": "notes", "Labels": "tags", "Group Membership": "tags", "Gender": "note_line",
    "Location": "note_line", "Occupation": "note_line", "Hobby": "note_line", "Language": "note_line",
    "Priority": "skip", "Sensitivity": "skip", "Subject": "note_line", "Billing Information": "note_line",
    "Directory Server": "note_line", "Mileage": "note_line",
}, signature=("Given Name", "Family Name", "Group Membership", "Labels", "Name Prefix", "Organization 1 - Name"), site_labels=("Home", "Other address"))

LAYOUTS = (JOBBER, HOUSECALL_PRO, GORILLADESK, SERVICETITAN, QUICKBOOKS_ONLINE, QUICKBOOKS_DESKTOP, OUTLOOK,
           GOOGLE)

# Google's numbered groups: "Phone 2 - Value" with "Phone 2 - Label" (or "- Type") beside it.
_NUMBERED = re.compile(r"^(e-?mail|phone|address|website|relation|event|custom field|im)\s*(\d+)\s*-\s*(.+)$",
                       re.IGNORECASE)
_GOOGLE_ADDRESS = {"street": "street", "extended address": "street2", "po box": "street2", "city": "city",
                   "region": "state", "postal code": "postcode", "country": "country", "formatted": "lines",
                   "label": "label", "type": "label", "neighborhood": "street2"}


def _numbered(header: str) -> str | None:
    """The field of one of Google's numbered columns, or None when the header is not one."""
    m = _NUMBERED.match(header.strip())
    if not m:
        return None
    kind, number, part = m.group(1).lower().replace("-", ""), int(m.group(2)), m.group(3).strip().lower()
    if part in ("label", "type"):
        return "label"
    if kind == "email":
        return "email" if number == 1 and part == "value" else "other_email" if part == "value" else "note_line"
    if kind == "phone":
        return "phone" if part == "value" else "note_line"
    if kind == "address":
        part_field = _GOOGLE_ADDRESS.get(part)
        if part_field is None:
            return "note_line"
        if part_field == "label":
            return "label"
        group = "site" if number == 1 else "site2" if number == 2 else None
        if group is None:
            return "note_line"
        return f"{group}_{part_field}"
    return "note_line"  # websites, relations, events, custom fields: kept in the notes


def detect(headers: list[str], layouts: tuple[Layout, ...] = LAYOUTS) -> Layout | None:
    """The product whose export these headers look like (of ``layouts``), or None for a list of the office's own."""
    keys = {header_key(h) for h in headers if h.strip()}
    best, best_score = None, 0
    for layout in layouts:
        if not keys & {header_key(h) for h in layout.signature} and not (
                layout is GOOGLE and any(_NUMBERED.match(h.strip()) for h in headers)):
            continue  # none of the columns only this product writes
        own = layout.keys()
        score = len(keys & set(own))
        if layout is GOOGLE:
            score += sum(1 for h in headers if _NUMBERED.match(h.strip()))
        if score > best_score:
            best, best_score = layout, score
    # A guess needs most of the file's named columns, or many of them: "Name, Phone" is anyone's list.
    if best is None or best_score < 3 or best_score < len(keys) * 0.5:
        return None
    return best


def map_headers(headers: list[str], layout: Layout | None = None) -> list[str | None]:
    """The field each column feeds (None: no place found). A field that takes one value takes the first column."""
    own = layout.keys() if layout else {}
    mapping: list[str | None] = []
    for header in headers:
        key = header_key(header)
        name = own.get(key) or _numbered(header) or _SYNONYM_FIELD.get(key)
        if name is None and key:
            name = _prefixed(key)
        mapping.append(name if name is None or name in MANY or name not in mapping else None)
    return mapping


def _prefixed(key: str) -> str | None:
    """"Billing Street", "Service Zip", "Shipping City": the address part under a billing or service prefix."""
    for prefix, group in (("billing", ""), ("mailing", ""), ("bill", ""), ("service", "site_"),
                          ("property", "site_"), ("shipping", "site_"), ("ship", "site_"), ("location", "site_"),
                          ("site", "site_")):
        if key.startswith(prefix) and len(key) > len(prefix):
            part = _SYNONYM_FIELD.get(key[len(prefix):])
            if part in ADDRESS_PARTS:
                return group + part
    return None


@dataclass
class Columns:
    """A file's columns as the import reads them: headers, the field each feeds, the product it looks like."""

    headers: list[str]
    mapping: list[str | None]
    layout: Layout | None = None
    filled: list[int] = field(default_factory=list)  # rows with data, per column

    def unmapped(self) -> list[tuple[str, int]]:
        """Columns that hold data and feed nothing: (header, rows with data)."""
        return [(h, n) for h, f, n in zip(self.headers, self.mapping, self.filled) if f is None and n]
