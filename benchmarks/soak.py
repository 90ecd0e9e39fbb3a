"""Soak: two gunicorn instances under a mixed load while Redis stops and database connections die.

Run from the repository root: `python benchmarks/soak.py --seconds 60` (or `make soak`). It starts
everything it needs on loopback and stops it again by PID, even on failure or Ctrl-C:
- a database of its own on the shared PostgreSQL (SOAK_POSTGRES_URL, default 127.0.0.1:5432),
  migrated with `flask db upgrade` and dropped at the end; the app's connections carry
  application_name=helpcentre-soak-<pid>, so pg_terminate_backend kills only this run's;
- a redis-server of its own for the rate-limit counters, and an SMTP sink (aiosmtpd) that reads
  the verification codes out of the mail the app really sends;
- two gunicorn instances of the app, 2 workers each, sharing all of it.

Client threads read pages (and revalidate them: 304), vote and change their votes anonymously,
sign up and verify by the emailed code, sign in, register devices and search, spread over both
instances. A third of the way in, Redis is stopped for 5 seconds; two thirds in, every soak
database connection is terminated once. At the end it checks its ledger against the database:
every acknowledged vote, account and device is there exactly once, and the feedback report's
counts equal the ledger. It prints requests per second, p50/p99 and the counts, and exits
non-zero on any lost write or unexpected answer (a 5xx other than the designed 503 during the cut).
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import itertools
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
import requests  # noqa: E402
import sqlalchemy as sa  # noqa: E402
import yaml  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402

from tests.helpers.faults import RedisServer, free_port  # noqa: E402

ADMIN_URL = os.environ.get("SOAK_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "plum tractor violin 42"
TOKEN = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
CODE = re.compile(r"\b(\d{6})\b")
SEARCHES = ["password", "order", "refund", "sign in", "device", "warranty", "delivery", "xyzzy"]
MIX = {"read": 40, "vote": 25, "search": 12, "device": 10, "signin": 6, "signup": 7}
REQUEST_TIMEOUT = 20.0
CODE_WAIT = 15.0
CUT_GRACE = 2.0  # seconds after pg_terminate_backend in which a request may still meet its dead connection
HIGH = "100000 per minute"
LIMITS = ["SIGNIN_LIMIT", "VERIFY_LIMIT", "EMAIL_LIMIT", "DEVICES_LIMIT", "FEEDBACK_RATE_LIMIT", "SEARCH_RATE_LIMIT"]


class Mailbox:
    """The SMTP sink's handler: keeps the latest verification code sent to each address."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.changed = threading.Condition()
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
        """Store the code in a message for each of its recipients."""
        message = message_from_bytes(envelope.content, policy=policy.default)
        body = message.get_body(("plain",))
        found = CODE.search(body.get_content() if body else "")
        with self.changed:
            self.received += 1
            if found:
                for recipient in envelope.rcpt_tos:
                    self.codes[recipient.lower()] = found.group(1)
            self.changed.notify_all()
        return "250 OK"

    def wait_for_code(self, address: str, deadline: float) -> str | None:
        """The code sent to `address`, waiting until `deadline` (monotonic) for it to arrive."""
        with self.changed:
            while address not in self.codes and time.monotonic() < deadline:
                self.changed.wait(timeout=0.2)
            return self.codes.pop(address, None)


@dataclass
class Call:
    """One request as the client saw it."""

    action: str
    status: int  # 0: no answer at all (connection error or timeout)
    started: float
    ended: float
    detail: str = ""


@dataclass
class Ledger:
    """What the site acknowledged, and what it was asked but never answered clearly."""

    votes: dict[tuple[int, str], str] = field(default_factory=dict)  # (voter, slug) -> vote acknowledged last
    unsure_votes: dict[tuple[int, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    cookie_less_unsure: int = 0  # unanswered first votes: a row may exist under a key we never learnt
    accounts: set[str] = field(default_factory=set)
    unsure_accounts: set[str] = field(default_factory=set)
    verified: set[str] = field(default_factory=set)
    devices: dict[str, str] = field(default_factory=dict)  # serial -> account email
    unsure_devices: dict[str, str] = field(default_factory=dict)
    sign_ins: int = 0
    calls: list[Call] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Events:
    """When the faults happened (monotonic seconds), for telling designed 503s from the rest."""

    redis_down: tuple[float, float] | None = None
    cut: tuple[float, float] | None = None
    terminated: int = 0
    redis_keys: int = 0


class Serials:
    """Unique serial numbers for the models whose pattern is a prefix and N letters or digits."""

    SHAPE = re.compile(r"^\^([A-Z0-9]+)\[A-Z0-9\]\{(\d+)\}\$$")

    def __init__(self, devices_file: Path) -> None:
        self.models: list[tuple[str, str, int, date]] = []
        for entry in yaml.safe_load(devices_file.read_text()) or []:
            shape = self.SHAPE.match(str(entry["serial_pattern"]))
            if shape:
                self.models.append((entry["id"], shape.group(1), int(shape.group(2)), entry["release_date"]))
        self.counter = itertools.count(1)
        self.lock = threading.Lock()
        self.run = secrets.randbelow(36 ** 3)

    def next(self) -> tuple[str, str, date]:
        """A model id, a serial that nobody registered yet, and a purchase date it accepts."""
        with self.lock:
            number = next(self.counter)
        model, prefix, length, released = random.choice(self.models)
        digits = _base36(self.run * 36 ** 6 + number).rjust(length, "0")[-length:]
        return model, prefix + digits, max(released, date.today() - timedelta(days=60))


def _base36(number: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, digit = divmod(number, 36)
        text = alphabet[digit] + text
    return text or "0"


class Client:
    """One client thread: a few browsers (requests sessions) doing what readers and members do."""

    def __init__(self, number: int, instances: list[str], ledger: Ledger, mailbox: Mailbox, serials: Serials,
                 articles: list[str], categories: list[str]) -> None:
        self.number, self.instances, self.ledger, self.mailbox = number, instances, ledger, mailbox
        self.serials, self.articles, self.categories = serials, articles, categories
        self.voters = [requests.Session() for _ in range(4)]
        self.members: list[tuple[str, requests.Session]] = []
        self.etags: dict[str, str] = {}
        self.random = random.Random(number)
        self.made = itertools.count(1)
        self.turn = itertools.count()

    def base(self) -> str:
        """The instance for the next request: each browser's requests alternate between both."""
        return self.instances[next(self.turn) % len(self.instances)]

    def call(self, browser: requests.Session, action: str, method: str, path: str, expected: tuple[int, ...],
             **options: Any) -> requests.Response | None:
        """Send one request, record it, return the response when its status was expected."""
        started = time.monotonic()
        try:
            response = browser.request(method, self.base() + path, timeout=REQUEST_TIMEOUT, allow_redirects=False,
                                       **options)
        except requests.RequestException as error:
            self._record(Call(action, 0, started, time.monotonic(), f"{method} {path}: {type(error).__name__}"))
            return None
        detail = "" if response.status_code in expected else f"{method} {path}: {response.text[:200]!r}"
        self._record(Call(action, response.status_code, started, time.monotonic(), detail))
        return response if response.status_code in expected else None

    def _record(self, call: Call) -> None:
        with self.ledger.lock:
            self.ledger.calls.append(call)

    def token(self, browser: requests.Session, action: str, path: str,
              headers: dict[str, str] | None = None) -> str | None:
        """The CSRF token of the form at `path`."""
        page = self.call(browser, action, "GET", path, (200,), headers=headers or {})
        found = TOKEN.search(page.text) if page is not None else None
        return found.group(1) if found else None

    def run(self, deadline: float, stop: threading.Event) -> None:
        """Act until the deadline (or the stop signal), for at most 100,000 actions."""
        actions = [name for name, weight in MIX.items() for _ in range(weight)]
        for _ in range(100_000):
            if stop.is_set() or time.monotonic() >= deadline:
                return
            getattr(self, self.random.choice(actions))()

    def read(self) -> None:
        """A reader: the home page, a category or an article, revalidated when seen before."""
        path = self.random.choice(["/", f"/categories/{self.random.choice(self.categories)}",
                                   *(f"/articles/{slug}" for slug in self.random.sample(self.articles, 3))])
        browser = self.voters[0]
        headers = {"If-None-Match": self.etags[path]} if path in self.etags else {}
        response = self.call(browser, "read", "GET", path, (200, 304), headers=headers)
        if response is not None and response.status_code == 200 and "ETag" in response.headers:
            self.etags[path] = response.headers["ETag"]

    def vote(self) -> None:
        """An anonymous reader answers "Was this helpful?", or changes the answer given before."""
        voter = self.random.randrange(len(self.voters))
        browser, slug = self.voters[voter], self.random.choice(self.articles)
        hx = {"HX-Request": "true"}
        token = self.token(browser, "vote", f"/articles/{slug}/feedback", hx)
        if token is None:
            return
        choice = self.random.choice(["yes", "no"])
        had_cookie = "feedback_reader" in browser.cookies
        response = self.call(browser, "vote", "POST", f"/articles/{slug}/feedback",
                             (200,), data={"csrf_token": token, "vote": choice}, headers=hx)
        key = (id(browser), slug)
        with self.ledger.lock:
            if response is not None:
                self.ledger.votes[key] = choice
                self.ledger.unsure_votes.pop(key, None)
            elif had_cookie:
                self.ledger.unsure_votes[key].add(choice)
            else:
                self.ledger.cookie_less_unsure += 1

    def search(self) -> None:
        """A search, as a page or as live search's fragment."""
        headers = {"HX-Request": "true"} if self.random.random() < 0.5 else {}
        self.call(self.voters[1], "search", "GET", f"/search?q={self.random.choice(SEARCHES)}", (200,),
                  headers=headers)

    def signup(self) -> None:
        """Create an account, read the code from the email, verify: the browser ends up signed in."""
        email = f"soak-{os.getpid()}-{self.number}-{next(self.made)}@example.com"
        browser = requests.Session()
        token = self.token(browser, "signup", "/account/signup")
        if token is None:
            return
        with self.ledger.lock:
            self.ledger.unsure_accounts.add(email)
        created = self.call(browser, "signup", "POST", "/account/signup", (303,), data={
            "csrf_token": token, "email": email, "password": PASSWORD, "date_of_birth": "1990-01-02",
            "accept_terms": "y"})
        if created is None:
            return
        with self.ledger.lock:
            self.ledger.accounts.add(email)
            self.ledger.unsure_accounts.discard(email)
        code = self.mailbox.wait_for_code(email, time.monotonic() + CODE_WAIT)
        token = self.token(browser, "verify", "/account/verify")
        if code is None or token is None:
            self._record(Call("verify", 0, time.monotonic(), time.monotonic(), f"no code or form for {email}"))
            return
        if self.call(browser, "verify", "POST", "/account/verify", (303,),
                     data={"csrf_token": token, "email": email, "code": code}) is not None:
            with self.ledger.lock:
                self.ledger.verified.add(email)
            self.members.append((email, browser))

    def signin(self) -> None:
        """Sign in to one of this client's verified accounts in a new browser."""
        if not self.members:
            return self.signup()
        email, _ = self.random.choice(self.members)
        browser = requests.Session()
        token = self.token(browser, "signin", "/account/login")
        if token is not None and self.call(browser, "signin", "POST", "/account/login", (303,),
                                           data={"csrf_token": token, "email": email, "password": PASSWORD}):
            with self.ledger.lock:
                self.ledger.sign_ins += 1
            self.members.append((email, browser))

    def device(self) -> None:
        """A member registers a device with a new serial number."""
        if not self.members:
            return self.signup()
        email, browser = self.random.choice(self.members)
        token = self.token(browser, "device", "/account/devices/")
        if token is None:
            return
        model, serial, bought = self.serials.next()
        with self.ledger.lock:
            self.ledger.unsure_devices[serial] = email
        if self.call(browser, "device", "POST", "/account/devices/", (303,), data={
                "csrf_token": token, "model": model, "serial": serial, "purchase_date": bought.isoformat()}):
            with self.ledger.lock:
                self.ledger.devices[serial] = email
                del self.ledger.unsure_devices[serial]


class Soak:
    """Everything one run starts, and stops again in reverse order (ExitStack), however it ends."""

    def __init__(self, seconds: float, clients: int) -> None:
        self.seconds, self.clients = seconds, clients
        self.stack = contextlib.ExitStack()
        self.pid = os.getpid()
        self.tag = f"helpcentre-soak-{self.pid}"
        self.database = f"hc_soak_{self.pid}_{secrets.token_hex(3)}"
        self.secret = secrets.token_hex(32)
        self.work = Path(self.stack.enter_context(tempfile.TemporaryDirectory(prefix="hc-soak-")))
        # A fresh connection each time: other test runs on the shared server may kill idle ones.
        self.admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        self.stack.callback(self.admin.dispose)
        self.ledger, self.events, self.mailbox = Ledger(), Events(), Mailbox()
        self.redis = RedisServer()
        self.environment: dict[str, str] = {}
        self.clients_list: list[Client] = []

    def database_url(self, tagged: bool = True) -> str:
        """The soak database's URL; tagged ones are the app's, the only ones the cut terminates."""
        url = sa.make_url(ADMIN_URL).set(database=self.database)
        return (url.update_query_dict({"application_name": self.tag}) if tagged else url).render_as_string(
            hide_password=False)

    def start(self) -> list[str]:
        """Database, Redis, SMTP sink, migrations, then the two instances; returns their base URLs."""
        with self.admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{self.database}"'))
        self.stack.callback(self._drop_database)
        self.redis.start()
        self.stack.callback(self.redis.stop)
        smtp = Controller(self.mailbox, hostname="127.0.0.1", port=free_port())
        smtp.start()
        self.stack.callback(smtp.stop)
        self.environment = {
            **os.environ, "HELPCENTRE_SECRET_KEY": self.secret, "HELPCENTRE_DATABASE_URL": self.database_url(),
            "HELPCENTRE_RATELIMIT_STORAGE_URI": self.redis.url, "HELPCENTRE_MAIL_BACKEND": "smtp",
            "HELPCENTRE_MAIL_SERVER": "127.0.0.1", "HELPCENTRE_MAIL_PORT": str(smtp.port),
            "HELPCENTRE_MAIL_TIMEOUT": "5", **{f"HELPCENTRE_{name}": HIGH for name in LIMITS},
        }
        subprocess.run([sys.executable, "-m", "flask", "--app", "helpcentre", "db", "upgrade"], cwd=ROOT,
                       env=self._env("migrate"), check=True, capture_output=True, timeout=300)
        return [self._gunicorn(name) for name in ("a", "b")]

    def _env(self, name: str) -> dict[str, str]:
        instance = self.work / name
        instance.mkdir(exist_ok=True)
        return {**self.environment, "HELPCENTRE_INSTANCE_PATH": str(instance)}

    def _gunicorn(self, name: str) -> str:
        port = free_port()
        log = (self.work / f"gunicorn-{name}.log").open("wb")
        self.stack.callback(log.close)
        environment = {**self._env(name), "HELPCENTRE_BASE_URL": f"http://127.0.0.1:{port}"}
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "python:helpcentre.gunicorn_conf",
                                    "--workers", "2", "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "5",
                                    "helpcentre:create_app()"],
                                   cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        self.stack.callback(_stop, process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn {name} exited: see {log.name}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    return base
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn {name} did not answer /healthz within 60 s")

    def _drop_database(self) -> None:
        with self.admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'))

    def faults(self, started: float, stop: threading.Event) -> None:
        """Stop Redis for 5 s a third of the way in; terminate every soak connection two thirds in."""
        if stop.wait(max(0.0, started + self.seconds / 3 - time.monotonic())):
            return
        down = time.monotonic()
        self.redis.stop()
        stop.wait(5)
        self.redis.start()
        self.events.redis_down = (down, time.monotonic())
        if stop.wait(max(0.0, started + 2 * self.seconds / 3 - time.monotonic())):
            return
        before = time.monotonic()
        with self.admin.connect() as connection:
            self.events.terminated = connection.execute(sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :tag"),
                {"tag": self.tag}).scalar_one()
        self.events.cut = (before, time.monotonic())

    def load(self, instances: list[str]) -> float:
        """Run the clients and the faults for the set time; returns the seconds it took."""
        home = requests.get(instances[0] + "/", timeout=REQUEST_TIMEOUT).text
        articles = sorted(set(re.findall(r'href="/articles/([a-z0-9-]+)"', home)))
        categories = sorted(set(re.findall(r'href="/categories/([a-z0-9-]+)"', home)))
        serials = Serials(ROOT / "content" / "devices.yml")
        clients = [Client(n, instances, self.ledger, self.mailbox, serials, articles, categories)
                   for n in range(self.clients)]
        stop = threading.Event()
        started = time.monotonic()
        deadline = started + self.seconds
        threads = [threading.Thread(target=c.run, args=(deadline, stop), daemon=True) for c in clients]
        threads.append(threading.Thread(target=self.faults, args=(started, stop), daemon=True))
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT + CODE_WAIT + 10)
        finally:
            stop.set()
        self.clients_list = clients
        return time.monotonic() - started

    def check(self) -> list[str]:
        """Compare the ledger with the database and the feedback report; returns the problems."""
        problems: list[str] = []
        ledger = self.ledger
        engine = sa.create_engine(self.database_url(tagged=False), poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as connection:
                users = Counter(email for (email,) in connection.execute(sa.text("SELECT email FROM users")))
                verified = {email for (email,) in connection.execute(
                    sa.text("SELECT email FROM users WHERE verified_at IS NOT NULL"))}
                devices = Counter(connection.execute(sa.text(
                    "SELECT d.serial, u.email FROM registered_devices d JOIN users u ON u.id = d.user_id")).all())
                feedback = {(key, slug): vote for key, slug, vote in connection.execute(
                    sa.text("SELECT reader_key, article_slug, vote FROM feedback"))}
        finally:
            engine.dispose()
        for email in ledger.accounts:
            if users[email] != 1:
                problems.append(f"account {email} acknowledged, {users[email]} in the database")
        for email in set(users) - ledger.accounts - ledger.unsure_accounts:
            problems.append(f"account {email} in the database was never asked for")
        problems += [f"account {email} verified but not in the database as verified"
                     for email in ledger.verified - verified]
        for serial, email in ledger.devices.items():
            if devices[(serial, email)] != 1:
                problems.append(f"device {serial} of {email} acknowledged, {devices[(serial, email)]} in the database")
        for (serial, email), _count in devices.items():
            if serial not in ledger.devices and ledger.unsure_devices.get(serial) != email:
                problems.append(f"device {serial} of {email} in the database was never asked for")
        problems += self._check_votes(feedback)
        # The counters restarted empty with Redis: keys now mean the instances went back to it.
        store = redis.Redis.from_url(self.redis.url)
        self.events.redis_keys = len(store.keys("LIMITS*"))
        store.close()
        if self.events.redis_keys == 0:
            problems.append("no rate-limit counter in Redis after its restart: the instances never went back to it")
        return problems

    def _check_votes(self, stored: dict[tuple[str, str], str]) -> list[str]:
        problems: list[str] = []
        keys = self._reader_keys()
        expected: dict[tuple[str, str], set[str]] = {}
        for (voter, slug), vote in self.ledger.votes.items():
            expected[(keys[voter], slug)] = {vote}
        for (voter, slug), votes in self.ledger.unsure_votes.items():
            expected.setdefault((keys[voter], slug), {"none"}).update(votes)
        for pair, allowed in expected.items():
            if stored.get(pair, "none") not in allowed:
                problems.append(f"vote {pair}: expected {sorted(allowed)}, database has {stored.get(pair)}")
        strays = [pair for pair in stored if pair not in expected]
        if len(strays) > self.ledger.cookie_less_unsure:
            problems.append(f"{len(strays)} votes in the database that nobody acknowledged")
        report = self._report_counts()
        if report != Counter(stored.values()):
            problems.append(f"feedback report {dict(report)} != database {dict(Counter(stored.values()))}")
        if not self.ledger.unsure_votes and not strays and report != Counter(
                vote for pair, allowed in expected.items() for vote in allowed):
            problems.append(f"feedback report {dict(report)} != ledger")
        return problems

    def _reader_keys(self) -> dict[int, str]:
        """Each voter browser's reader key, from its signed cookie, as the app reads it."""
        from helpcentre import create_app
        from helpcentre.feedback import reader

        app = create_app({"SECRET_KEY": self.secret, "DATABASE_URL": "sqlite://", "RATELIMIT_STORAGE_URI": "memory://",
                          "INSTANCE_PATH": str(self.work / "checker")})
        keys: dict[int, str] = {}
        for client in self.clients_list:
            for browser in client.voters:
                cookie = browser.cookies.get("feedback_reader")
                with app.test_request_context(headers={"Cookie": f"feedback_reader={cookie}"} if cookie else {}):
                    keys[id(browser)] = reader.cookie_reader() or f"unknown:{id(browser)}"
        return keys

    def _report_counts(self) -> Counter[str]:
        """Yes and No over all time, from `flask feedback report --csv`, as an editor would read them."""
        result = subprocess.run([sys.executable, "-m", "flask", "--app", "helpcentre", "feedback", "report", "--csv"],
                                cwd=ROOT, env=self._env("report"), check=True, capture_output=True, text=True,
                                timeout=120)
        counts: Counter[str] = Counter()
        for row in csv.DictReader(io.StringIO(result.stdout)):
            counts["yes"] += int(row["all_yes"])
            counts["no"] += int(row["all_no"])
        return +counts

    def unexpected(self) -> tuple[list[Call], int]:
        """The calls that failed other than by design, and how many designed 503s there were."""
        cut = self.events.cut
        designed, failed = 0, []
        for call in self.ledger.calls:
            if call.detail == "":
                continue
            in_cut = cut is not None and call.started <= cut[1] + CUT_GRACE and call.ended >= cut[0]
            if call.status == 503 and in_cut:
                designed += 1
            else:
                failed.append(call)
        return failed, designed


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a child by its PID: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def report(soak: Soak, elapsed: float, failed: list[Call], designed: int, problems: list[str]) -> None:
    """Print the figures."""
    calls, ledger, events = soak.ledger.calls, soak.ledger, soak.events
    print(f"soak: {len(calls)} requests in {elapsed:.1f} s over 2 instances x 2 workers, {soak.clients} clients: "
          f"{len(calls) / elapsed:.1f} requests/s")
    print(f"{'action':<8} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    by_action: dict[str, list[Call]] = defaultdict(list)
    for call in calls:
        by_action[call.action].append(call)
    for action, group in sorted(by_action.items()) + [("all", calls)]:
        times = [1000 * (c.ended - c.started) for c in group]
        statuses = dict(sorted(Counter(c.status for c in group).items()))
        p50, p99 = _percentile(times, 0.5), _percentile(times, 0.99)
        print(f"{action:<8} {len(group):>8} {p50:>8.1f} {p99:>8.1f}  {statuses}")
    unanswered = len(ledger.unsure_votes) + ledger.cookie_less_unsure
    print(f"votes acknowledged {len(ledger.votes)} (unanswered {unanswered}), "
          f"accounts {len(ledger.accounts)}, verified {len(ledger.verified)}, sign-ins {ledger.sign_ins}, "
          f"devices {len(ledger.devices)}, codes mailed {soak.mailbox.received}")
    if events.redis_down:
        print(f"redis stopped for {events.redis_down[1] - events.redis_down[0]:.1f} s; "
              f"counters in it at the end: {events.redis_keys}")
    print(f"database connections terminated: {events.terminated}; designed 503s during the cut: {designed}")
    for call in failed[:20]:
        print(f"UNEXPECTED {call.action} {call.status}: {call.detail}")
    for problem in problems[:50]:
        print(f"LOST OR WRONG: {problem}")
    print("soak: OK" if not failed and not problems else
          f"soak: FAILED ({len(failed)} unexpected answers, {len(problems)} ledger problems)")


def main() -> int:
    """Run the soak; 0 when every write is accounted for and nothing failed unexpectedly."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the load runs (default 60)")
    parser.add_argument("--clients", type=int, default=6, help="client threads (default 6)")
    args = parser.parse_args()
    # Ctrl-C or a TERM from CI both unwind through the ExitStack, which stops what was started.
    # (SIGINT is set explicitly: a shell starting this in the background would have it ignored.)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    soak = Soak(args.seconds, args.clients)
    with soak.stack:
        instances = soak.start()
        elapsed = soak.load(instances)
        failed, designed = soak.unexpected()
        problems = soak.check()
        report(soak, elapsed, failed, designed, problems)
        if failed or problems:
            for log in sorted(soak.work.glob("gunicorn-*.log")):
                print(f"--- last lines of {log.name}")
                print("\n".join(log.read_text(errors="replace").splitlines()[-30:]))
        return 1 if failed or problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # everything started was stopped on the way out
        print("soak: interrupted", file=sys.stderr)
        sys.exit(130)
