"""Step 22: a call or a follow-up can say that nobody was reached.

No answer, a voicemail left, a wrong number: the attempt stays on the customer's history, but it is
not contact, so the contact rhythm, health and the queue still see the customer as not spoken to.
Every row written before this step was a conversation (``''``).
"""

SQL = """
ALTER TABLE "interaction" ADD COLUMN "nobody_reached" VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE "follow_up" ADD COLUMN "nobody_reached" VARCHAR(255) NOT NULL DEFAULT '';
"""
