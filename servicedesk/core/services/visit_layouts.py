"""What each column of a visits or jobs export means: the fields it can feed, and the products' own layouts.

A column is matched by its name folded to letters and digits, as customer lists are
(:mod:`import_layouts`); a product's own names win over the general ones. Each layout names where
its column names come from. Columns about money, invoices and sales are kept as labelled lines in
the visit's notes; the client's billing address is the customer list's business and is left out
(listed as such).
"""

from __future__ import annotations

from servicedesk.core.services.import_layouts import Layout, detect, header_key

# key → label shown in the mapping; the order is the order of the mapping's choices.
FIELDS = {
    "date": "Date (or date and time)",
    "time": "Start time, or from–to",
    "end": "End (time, or date and time)",
    "duration": "Length (minutes, unless it says hours)",
    "duration_hours": "Length in hours",
    "completed_on": "Completed on",
    "status": "Status",
    "client_id": "Client id",
    "client": "Client name",
    "first_name": "Client's first name",
    "last_name": "Client's last name",
    "phone": "Client's phone",
    "email": "Client's email",
    "technician": "Technician (one or more names)",
    "service": "Service",
    "notes": "Notes",
    "note_line": "Notes, as a labelled line",
    "job": "Job number",
    "job_type": "One-off or recurring",
    "recurrence": "How often it repeats",
    "site_label": "Service address: name",
    "site_street": "Service address: street (or the whole address)",
    "site_street2": "Service address: street line 2",
    "site_city": "Service address: city",
    "site_state": "Service address: state / province",
    "site_postcode": "Service address: postcode",
    "skip": "Left out",
}

# Fields a second column may feed too: every value is kept.
MANY = {"technician", "notes", "note_line", "phone", "email", "skip", "site_street2", "service"}

SYNONYMS = {
    "date": ("date", "visitdate", "servicedate", "scheduleddate", "jobdate", "appointmentdate", "appointment",
             "start", "startdate", "starts", "scheduledstart", "scheduledstartdate", "startson", "when", "day",
             "visit"),
    "time": ("time", "times", "starttime", "scheduledtime", "arrivalwindow", "timewindow", "window"),
    "end": ("end", "endtime", "enddate", "ends", "endson", "scheduledend", "finish", "finishtime"),
    "duration": ("duration", "length", "minutes", "durationminutes", "durationmin", "lengthminutes"),
    "duration_hours": ("hours", "durationhours", "lengthhours", "durationh"),
    "completed_on": ("completed", "completedon", "completeddate", "completedat", "completiondate", "datecompleted",
                     "closeddate", "closedon", "finishedat", "finishedon", "donedate"),
    "status": ("status", "visitstatus", "jobstatus", "workstatus", "appointmentstatus"),
    "client_id": ("clientid", "customerid", "accountnumber", "accountno", "account", "jid", "reference", "ref",
                  "customernumber", "clientnumber", "externalid"),
    "client": ("client", "clientname", "customer", "customername", "name", "fullname", "displayname", "contact",
               "contactname"),
    "first_name": ("firstname", "givenname", "clientfirstname", "customerfirstname"),
    "last_name": ("lastname", "surname", "familyname", "clientlastname", "customerlastname"),
    "phone": ("phone", "clientphone", "customerphone", "mobile", "mobilephone", "homephone", "telephone", "tel",
              "phonenumber", "cell", "workphone"),
    "email": ("email", "clientemail", "customeremail", "emailaddress", "mail"),
    "technician": ("technician", "tech", "technicians", "assignedto", "assigned", "employee", "employees",
                   "assignedemployees", "assignedtechnician", "assignedtechnicians", "staff", "crew", "team",
                   "worker", "serviceperson", "servicetechnician", "visitsassignedto"),
    "service": ("service", "services", "servicetype", "visittitle", "title", "jobtitle", "description",
                "jobdescription", "task", "work", "servicename", "visittype"),
    "notes": ("notes", "note", "comments", "comment", "instructions", "jobnotes", "jobnote", "visitnotes",
              "remarks", "summary", "worknotes", "technotes"),
    "job": ("job", "jobnumber", "jobno", "jobid", "workorder", "workordernumber", "ordernumber", "visitid"),
    "job_type": ("jobtype", "onceorrecurring", "recurringorone"),
    "recurrence": ("frequency", "visitfrequency", "recurrence", "repeats", "repeat", "recurring", "schedule",
                   "rule", "howoften", "recurrencerule", "servicefrequency"),
    "site_label": ("property", "propertyname", "locationname", "site", "sitename", "serviceproperty"),
    "site_street": ("address", "serviceaddress", "servicestreet", "street", "location", "locationaddress",
                    "propertyaddress", "siteaddress", "jobaddress", "street1", "servicestreet1", "address1"),
    "site_street2": ("servicestreet2", "streetline2", "street2", "address2", "suite", "unit"),
    "site_city": ("city", "servicecity", "town", "locationcity", "propertycity"),
    "site_state": ("state", "province", "servicestate", "serviceprovince", "region", "locationstate"),
    "site_postcode": ("zip", "zipcode", "postcode", "postalcode", "servicezip", "servicezipcode",
                      "servicepostalcode", "locationzip"),
}
_SYNONYM_FIELD = {syn: name for name, syns in SYNONYMS.items() for syn in syns}

_MONEY = ("note_line",)

# Jobber, Reports > Visits > Export (CSV). The column names are those public tools written against real
# exports of this report read: "Date", "Times", "Visit title", "Client name", "Client phone", "Service
# street", "Service city", "Service province", "Service ZIP", "Visit completed date", "Assigned to",
# "One-off job ($)", "Schedule duration" (hours, "2.00"), "Job type" (one-off or recurring); its dates are
# written "Apr 02, 2026". A visit is completed when "Visit completed date" has a date.
JOBBER_VISITS = Layout("Jobber visits report", "Jobber, Reports > Visits > Export", {
    "Date": "date", "Times": "time", "Visit title": "service", "Client name": "client", "Client phone": "phone",
    "Client email": "email", "Service property name": "site_label", "Service street": "site_street",
    "Service street 2": "site_street2", "Service city": "site_city", "Service province": "site_state",
    "Service state": "site_state", "Service ZIP": "site_postcode", "Service postal code": "site_postcode",
    "Visit completed date": "completed_on", "Assigned to": "technician", "One-off job ($)": "note_line",
    "Recurring job ($)": "note_line", "Schedule duration": "duration_hours", "Job type": "job_type",
    "Job #": "job", "Job number": "job", "Visit frequency": "recurrence", "Instructions": "notes",
    "Line items": "note_line", "Visit status": "status",
}, signature=("Visit title", "Visit completed date", "One-off job ($)", "Schedule duration"))

# Jobber, Work > Jobs > Export (CSV): one row per job. The column names are those public importers of
# real Jobber job exports read: "Job #", "Title", "Client name", "Client email", "Client phone", "Billing
# street/city/province/ZIP", "Service property name", "Service street/city/province/ZIP", "Created date",
# "Schedule start date", "Closed date", "Lead source", "Salesperson", "Online booking", "Line items",
# "Visits assigned to", "Invoice #s", "Quote #", the job-costing totals. A job with a closed date is done.
JOBBER_JOBS = Layout("Jobber jobs export", "Jobber, Work > Jobs > Export", {
    "Job #": "job", "Title": "service", "Client name": "client", "Client email": "email", "Client phone": "phone",
    "Billing street": "skip", "Billing city": "skip", "Billing province": "skip", "Billing state": "skip",
    "Billing ZIP": "skip", "Billing postal code": "skip", "Service property name": "site_label",
    "Service street": "site_street", "Service city": "site_city", "Service province": "site_state",
    "Service state": "site_state", "Service ZIP": "site_postcode", "Service postal code": "site_postcode",
    "Created date": "note_line", "Schedule start date": "date", "Closed date": "completed_on",
    "Lead source": "note_line", "Salesperson": "note_line", "Online booking": "note_line",
    "Line items": "note_line", "Visits assigned to": "technician", "Invoice #s": "note_line", "Quote #": "note_line",
    "Expenses total ($)": "note_line", "Time tracked": "note_line", "Labour cost total ($)": "note_line",
    "Labor cost total ($)": "note_line", "Line item cost total ($)": "note_line", "Total costs ($)": "note_line",
    "Quote discount ($)": "note_line", "Total revenue ($)": "note_line", "Profit ($)": "note_line",
    "Profit %": "note_line", "Job type": "job_type", "Visit frequency": "recurrence", "Instructions": "notes",
}, signature=("Visits assigned to", "Schedule start date", "Closed date", "Invoice #s", "Quote #"))

# Housecall Pro, Jobs > Export. Names as public tools that read its daily job exports list them: "Job #",
# "Job description", "Job status", "Customer name", "Address", "Job created date", "Job scheduled start
# date", "Assigned employees", "Job amount", "Due amount"; its statuses are those of its job record
# (developer API): needs scheduling, scheduled, in progress, complete rated/unrated, user/pro canceled.
HOUSECALL_JOBS = Layout("Housecall Pro jobs export", "Housecall Pro, Jobs > Export", {
    "Job #": "job", "Job description": "service", "Job status": "status", "Customer name": "client",
    "Customer ID": "client_id", "Customer email": "email", "Customer phone": "phone", "Address": "site_street",
    "Job created date": "note_line", "Job scheduled start date": "date", "Job scheduled end date": "end",
    "Job completed date": "completed_on", "Assigned employees": "technician", "Job amount": "note_line",
    "Due amount": "note_line", "Job tags": "note_line", "Private notes": "notes", "Notes": "notes",
    "Recurrence": "recurrence", "Frequency": "recurrence", "Lead source": "note_line",
}, signature=("Job description", "Job scheduled start date", "Assigned employees", "Due amount", "Job amount"))

# Housecall Pro, Reporting > Jobs > Export. Housecall Pro's help centre lists the exported report's columns
# ("Exported Report Breakdown", help.housecallpro.com/en/articles/2999685): Invoice Number, Created At,
# Date (scheduled start), End Time, Travel/On Job/Total Duration (minutes), Customer (display name), First
# Name, Last Name, Email, Company, Mobile Phone, Home Phone, Customer Tags, Address (the service address,
# repeated in Street, Street Line 2, City, State, Zip). The job's own columns follow its job record.
HOUSECALL_REPORT = Layout("Housecall Pro job report", "Housecall Pro, Reporting > Jobs > Export", {
    "Invoice Number": "note_line", "Job ID": "job", "Created At": "note_line", "Date": "date", "End Time": "end",
    "Travel Duration": "note_line", "On Job Duration": "note_line", "Total Duration": "note_line",
    "Customer": "client", "First Name": "first_name", "Last Name": "last_name", "Email": "email",
    "Company": "skip", "Mobile Phone": "phone", "Home Phone": "phone", "Work Phone": "phone",
    "Customer Tags": "skip", "Address": "skip", "Street": "site_street", "Street Line 2": "site_street2",
    "City": "site_city", "State": "site_state", "Zip": "site_postcode", "Description": "service",
    "Job Description": "service", "Work Status": "status", "Job Status": "status", "Employee": "technician",
    "Employees": "technician", "Assigned Employees": "technician", "Finished Time": "completed_on",
    "Job Tags": "note_line", "Line Items": "note_line", "Subtotal": "note_line", "Tax": "note_line",
    "Total": "note_line", "Amount": "note_line", "Payment History": "note_line", "Notes": "notes",
    "Recurrence": "recurrence",
}, signature=("On Job Duration", "Travel Duration", "Total Duration", "Invoice Number", "Customer Tags"))

# GorillaDesk, Reports > Jobs > Export. Column names follow the job window's fields as GorillaDesk's help
# centre names them ("Adding jobs to your calendar": Customer, Location, Service, Date and Time, Length,
# Assign to, Sold by, Repeat, Job note) with the customer's Account Number of its customer export; its
# statuses are Unconfirmed, Confirmed, Reschedule, Complete and Canceled.
GORILLADESK_JOBS = Layout("GorillaDesk jobs export", "GorillaDesk, Reports > Jobs > Export", {
    "Account Number": "client_id", "Account #": "client_id", "Customer": "client", "Customer Name": "client",
    "Location Name": "site_label", "Location": "site_street", "Address": "site_street", "City": "site_city",
    "State": "site_state", "Zip": "site_postcode", "Service": "service", "Date": "date", "Time": "time",
    "Length": "duration", "Assign To": "technician", "Assigned To": "technician", "Sold By": "note_line",
    "Status": "status", "Job Status": "status", "Job Note": "notes", "Job Notes": "notes", "Repeat": "recurrence",
    "Frequency": "recurrence", "Invoice #": "note_line", "Invoice Number": "note_line", "Total": "note_line",
    "Invoice Total": "note_line", "Email": "email", "Phone": "phone", "Mobile Phone": "phone",
}, signature=("Account Number", "Account #", "Job Note", "Job Notes", "Sold By", "Length", "Assign To"))

# ServiceTitan, Reports > Jobs (export). Column names of its job report templates as the public tools built
# on those exports read them ("Customer Name", "Job Type", "Business Unit", "Job Creation Date", "Job Start
# Date", "Completion Date", "Location Name") and its job record (developer API: job number, customer id,
# job status Scheduled, Dispatched, InProgress, Hold, Completed, Canceled, summary, technicians).
SERVICETITAN_JOBS = Layout("ServiceTitan jobs report", "ServiceTitan, Reports > Jobs > Export", {
    "Job #": "job", "Job Number": "job", "Invoice #": "note_line", "Customer ID": "client_id",
    "Customer Id": "client_id", "Customer Name": "client", "Customer Phone": "phone", "Customer Email": "email",
    "Location Name": "site_label", "Location Address": "site_street", "Location City": "site_city",
    "Location State": "site_state", "Location Zip": "site_postcode", "Job Type": "service",
    "Business Unit": "note_line", "Job Status": "status", "Status": "status", "Job Creation Date": "note_line",
    "Created Date": "note_line", "Job Start Date": "date", "Scheduled Date": "date", "Start Date": "date",
    "Appointment Start": "date", "Completion Date": "completed_on", "Completed Date": "completed_on",
    "Primary Technician": "technician", "Assigned Technicians": "technician", "Technician": "technician",
    "Summary": "notes", "Job Summary": "notes", "Campaign": "note_line", "Campaign Category": "note_line",
    "Jobs Subtotal": "note_line", "Jobs Total": "note_line", "Total": "note_line", "Tags": "note_line",
    "Recurring Service": "recurrence", "Recurrence": "recurrence", "Duration": "duration",
}, signature=("Business Unit", "Job Start Date", "Completion Date", "Primary Technician", "Assigned Technicians",
              "Job Creation Date"))

LAYOUTS = (JOBBER_VISITS, JOBBER_JOBS, HOUSECALL_JOBS, HOUSECALL_REPORT, GORILLADESK_JOBS, SERVICETITAN_JOBS)


def detect_layout(headers: list[str]) -> Layout | None:
    return detect(headers, LAYOUTS)


def map_headers(headers: list[str], layout: Layout | None = None) -> list[str | None]:
    """The field each column feeds (None: no place). A field that takes one value takes the first column."""
    own = layout.keys() if layout else {}
    mapping: list[str | None] = []
    for header in headers:
        key = header_key(header)
        name = own.get(key) or _SYNONYM_FIELD.get(key)
        if name is None and key.startswith(("service", "property", "location")):
            rest = key[len(next(p for p in ("service", "property", "location") if key.startswith(p))):]
            part = _SYNONYM_FIELD.get(rest)
            name = part if part and part.startswith("site_") else None
        mapping.append(name if name is None or name in MANY or name not in mapping else None)
    return mapping
