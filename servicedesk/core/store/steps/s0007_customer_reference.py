"""Step 7: a customer keeps the id their previous program gave them, and their tags.

The reference ("J-ID", "Customer ID", "Account Number") lets a list imported again update the
same customers instead of adding them twice; tags ("VIP, Monthly") come over as they were.
"""

SQL = """
ALTER TABLE "customer" ADD COLUMN "reference" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "customer" ADD COLUMN "tags" TEXT NOT NULL DEFAULT '';
"""
