"""Step 4: addresses get a second street line, a state (province, county, region) and a country.

Offices in the United States, Canada or Australia cannot post a letter without the state or
province, and the lists offices move in from carry a second street line ("Suite 2").
"""

SQL = """
ALTER TABLE "customer" ADD COLUMN "street2" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "customer" ADD COLUMN "state" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "customer" ADD COLUMN "country" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "site" ADD COLUMN "street2" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "site" ADD COLUMN "state" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "site" ADD COLUMN "country" VARCHAR(255) NOT NULL DEFAULT '';
"""
