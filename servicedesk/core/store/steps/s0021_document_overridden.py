"""Step 21: a document remembers what the clarity check found when it was printed anyway.

"Print all anyway" (and ``letters --override-clarity``) writes a letter the check would have held
back; what it found is kept with the letter, so the owner can see later which letters went out vague.
"""

SQL = """
ALTER TABLE "document" ADD COLUMN "overridden" TEXT NOT NULL DEFAULT '';
"""
