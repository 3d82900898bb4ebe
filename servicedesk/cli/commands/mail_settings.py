"""``servicedesk mail-settings``: the office's mail account from the command line, and a test message."""

from __future__ import annotations

import getpass
import os
import sys

NAME = "mail-settings"
HELP = "show or change the office's mail account (SMTP server, sender); the password goes to the keyring"

_OPTIONS = (  # option, setting, shown as, help
    ("--host", "host", "HOST", "the SMTP server, e.g. smtp.example.com"),
    ("--port", "port", "PORT", "its port (587 for STARTTLS, 465 for SSL/TLS, 25 for none)"),
    ("--user", "user", "USER", "the account's user name"),
    ("--sender", "sender_address", "ADDRESS", "the address messages come from"),
    ("--sender-name", "sender_name", "NAME", "the name shown as the sender (default: the office's name)"),
    ("--reply-to", "reply_to", "ADDRESS", "where customers' answers go, when not to the sender"),
    ("--reminder-days", "reminder_days", "DAYS", "a reminder this many days before each visit (0: none)"),
    ("--sms-gateway", "sms_gateway", "PATTERN", "texts through an email-to-SMS gateway, e.g. {number}@sms.example.com"),
)


def add_arguments(parser) -> None:
    for option, setting, metavar, text in _OPTIONS:
        parser.add_argument(option, dest=setting, metavar=metavar, help=text)
    parser.add_argument("--security", choices=("none", "starttls", "ssl"), help="how the connection is secured")
    parser.add_argument("--ask-password", action="store_true", help="ask for the password even if one is stored")
    parser.add_argument("--password-file", action="store_true",
                        help="keep the password in a file only you can read (for a computer without a keyring)")
    parser.add_argument("--test", metavar="ADDRESS", help="then send a test message to ADDRESS and show the "
                                                          "server's answer")


def _store_password(settings, args) -> str:
    from servicedesk.core.services.mail import settings as mail_settings

    stored, where = mail_settings.password(settings)
    if stored is not None and where != mail_settings.PASSWORD_ENV and not args.ask_password and not args.password_file:
        return f"password: kept {'in the keyring' if where == 'keyring' else 'in the password file'}"
    password = os.environ.get(mail_settings.PASSWORD_ENV)
    if password is None or args.ask_password:
        if not sys.stdin.isatty():
            return (f"password: none stored; run again in a terminal to be asked for it, or set "
                    f"{mail_settings.PASSWORD_ENV}")
        password = getpass.getpass(f"Password for {settings.account}: ")
    try:
        return "password: kept " + mail_settings.store_password(settings, password, in_file=args.password_file)
    except mail_settings.NoKeyring as exc:
        if sys.stdin.isatty() and input(f"{exc}\nKeep it in that file? [y/N] ").strip().lower() in ("y", "yes"):
            return "password: kept " + mail_settings.store_password(settings, password, in_file=True)
        return f"password: not stored. {exc} Run again with --password-file to do that."


def run(args) -> int:
    from servicedesk.cli.common import open_from_args
    from servicedesk.core.services import office
    from servicedesk.core.services.mail import settings as mail_settings, testmail
    from servicedesk.core.services.mail.smtp import MailProblem

    open_from_args(args)
    changes = {setting: getattr(args, setting) for _o, setting, _m, _t in _OPTIONS if getattr(args, setting) is not None}
    if args.security:
        changes["security"] = args.security
        if "port" not in changes and not mail_settings.get().host:
            changes["port"] = mail_settings.DEFAULT_PORTS[args.security]
    if changes.get("sender_address") and not (changes.get("sender_name") or mail_settings.get().sender_name):
        changes["sender_name"] = office.get().name
    settings = mail_settings.update(**changes) if changes else mail_settings.get()
    if not settings.configured:
        print("Mail is not set up. Give at least --host and --sender (see --help).")
        return 1 if changes else 0
    print(f"server: {settings.host}, port {settings.port}, security {mail_settings.SECURITY_WORDS[settings.security]}")
    print(f"user: {settings.user or '(no log-in)'}")
    print(f"sender: {settings.sender_name} <{settings.sender_address}>"
          + (f", replies to {settings.reply_to}" if settings.reply_to else ""))
    print(f"reminders: {settings.reminder_days} day(s) before each visit" if settings.reminder_days
          else "reminders: none")
    if settings.sms_gateway:
        print(f"texts through: {settings.sms_gateway}")
    if settings.user:
        print(_store_password(settings, args))
    if args.test:
        try:
            print(testmail.send_test(args.test, settings))
        except MailProblem as exc:
            print(f"The test message was not sent. {exc}", file=sys.stderr)
            return 1
    return 0
