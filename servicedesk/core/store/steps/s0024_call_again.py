"""Step 24: a follow-up that reached nobody is tried again, or given up on with a reason.

Closing a follow-up as an attempt (no answer, a voicemail, a wrong number) sets the next call, which
names the follow-up first set: the promise it keeps trying, so the queue can say how many attempts
came before and the owner's report can count a promise as kept only once the customer was reached.
Stopping instead is a choice with its reason, kept on the attempt. Rows written before this step
were not tried again (``NULL``) and no reason was given (``''``).
"""

SQL = """
ALTER TABLE "follow_up" ADD COLUMN "promise_id" INTEGER REFERENCES "follow_up" ("id") ON DELETE SET NULL;
ALTER TABLE "follow_up" ADD COLUMN "stopped_trying" TEXT NOT NULL DEFAULT '';
CREATE INDEX "follow_up_promise_id" ON "follow_up" ("promise_id");
"""
