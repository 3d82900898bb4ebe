"""Email from the office's own mail account: settings, the outbox, what goes out when, and texts.

- ``settings``: the SMTP account (in the database) and its password (in the OS keyring, or a
  file only the owner can read where this computer has no keyring);
- ``smtp``: one connection to the server, and its answers in plain words;
- ``compose``: the message as the customer receives it (headers, text, the PDF attached);
- ``outbox``: queued, sending, sent, failed; retried with back-off, never sent twice;
- ``rules``: what goes to whom and when (reminders, running late, summaries, letters, notices);
- ``contact``: a sent message becomes contact with the customer;
- ``texts``: text messages cut to SMS length.
"""
