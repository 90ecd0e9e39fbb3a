"""Tests for the pure account rules: age, passwords, emails, codes, reset tokens and throttling."""
from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpcentre.account.rules import codes, emails, passwords, reset_tokens, throttle
from helpcentre.account.rules.age import (
    FUTURE_MESSAGE,
    TOO_EARLY_MESSAGE,
    UNDER_AGE_MESSAGE,
    adult_from,
    check_date_of_birth,
    is_adult,
)

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
CODE_SECRET = b"code-secret-for-tests"
TOKEN_SECRET = "token-secret-for-tests"


# --- age ---------------------------------------------------------------------------------------


def test_eighteenth_birthday_today_is_adult():
    assert is_adult(date(2007, 6, 15), today=date(2025, 6, 15))


def test_eighteenth_birthday_tomorrow_is_not_adult():
    assert not is_adult(date(2007, 6, 15), today=date(2025, 6, 14))


def test_leap_day_birth_comes_of_age_on_first_of_march_in_common_year():
    dob = date(2004, 2, 29)
    assert adult_from(dob) == date(2022, 3, 1)
    assert not is_adult(dob, today=date(2022, 2, 28))
    assert is_adult(dob, today=date(2022, 3, 1))


def test_leap_day_birth_keeps_leap_day_in_leap_years():
    # 18 is never a multiple of 4, so other ages show the leap-year case.
    assert adult_from(date(2000, 2, 29), age=20) == date(2020, 2, 29)
    assert adult_from(date(2000, 2, 29), age=100) == date(2100, 3, 1)  # 2100 is not a leap year


@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        (date(2025, 6, 16), FUTURE_MESSAGE),
        (date(1899, 12, 31), TOO_EARLY_MESSAGE),
        (date(1900, 1, 1), None),
        (date(2007, 6, 16), UNDER_AGE_MESSAGE),
        (date(2025, 6, 15), UNDER_AGE_MESSAGE),
        (date(2007, 6, 15), None),
    ],
)
def test_check_date_of_birth(dob, expected):
    assert check_date_of_birth(dob, today=date(2025, 6, 15)) == expected


def test_is_adult_does_not_overflow_near_the_end_of_the_calendar():
    assert not is_adult(date(9995, 1, 1), today=date(9999, 12, 31))


calendar_dates = st.dates(min_value=date(1800, 1, 1), max_value=date.max)


@settings(database=None)
@given(dob=calendar_dates, first=calendar_dates, second=calendar_dates)
def test_is_adult_is_monotone_in_today(dob, first, second):
    earlier, later = sorted((first, second))
    assert not is_adult(dob, earlier) or is_adult(dob, later)


@settings(database=None)
@given(dob=calendar_dates.filter(lambda d: (d.month, d.day) != (2, 29)), today=calendar_dates)
def test_is_adult_matches_naive_age_for_ordinary_birthdays(dob, today):
    naive_age = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
    assert is_adult(dob, today) == (naive_age >= 18)


# --- passwords: length and strength -------------------------------------------------------------


@pytest.fixture
def zxcvbn_calls(monkeypatch):
    """Replace zxcvbn with a spy that records its arguments and calls every password strong."""
    calls: list[tuple[str, list[str]]] = []

    def fake_zxcvbn(password, user_inputs=None, max_length=72):
        calls.append((password, list(user_inputs or [])))
        return {"score": 4, "feedback": {"warning": "", "suggestions": []}}

    monkeypatch.setattr(passwords, "zxcvbn", fake_zxcvbn)
    return calls


def test_seven_characters_is_too_short_and_eight_is_enough(zxcvbn_calls):
    assert passwords.password_problem("abcdefg", []) == passwords.SHORT_MESSAGE
    assert passwords.password_problem("abcdefgh", []) is None


def test_empty_password_asks_for_one(zxcvbn_calls):
    assert passwords.password_problem("", []) == passwords.EMPTY_MESSAGE


def test_128_characters_is_allowed_and_129_is_too_long(zxcvbn_calls):
    assert passwords.password_problem("x" * 128, []) is None
    assert passwords.password_problem("x" * 129, []) == passwords.LONG_MESSAGE


def test_length_is_counted_after_nfkc(zxcvbn_calls):
    assert passwords.normalise_password("\ufb01") == "fi"
    assert passwords.password_problem("\ufb01" * 4, []) is None  # 4 typed, 8 after NFKC
    assert passwords.password_problem("\ufb01" * 3 + "x", []) == passwords.SHORT_MESSAGE
    # Composition can shrink a password too: e + combining acute becomes one "é".
    assert passwords.password_problem("e\u0301" * 4, []) == passwords.SHORT_MESSAGE


def test_zxcvbn_sees_normalised_text_and_the_user_inputs(zxcvbn_calls):
    passwords.password_problem("\ufb01sh and chips", ["a@example.com", "Help Centre"])
    assert zxcvbn_calls == [("fish and chips", ["a@example.com", "Help Centre"])]


def test_strength_is_judged_on_the_first_100_characters_only(zxcvbn_calls):
    long_password = "abc def ghi " * 10 + "12345678"  # 128 characters
    assert passwords.password_problem(long_password, []) is None
    assert [len(text) for text, _ in zxcvbn_calls] == [100]


def test_very_long_input_is_refused_without_running_zxcvbn(zxcvbn_calls):
    assert passwords.password_problem("x" * 10_000, []) == passwords.LONG_MESSAGE
    assert zxcvbn_calls == []


def test_real_zxcvbn_accepts_a_128_character_password():
    # zxcvbn refuses more than 72 characters unless told otherwise.
    assert passwords.password_problem("x7Gq!m2Lr9#vT4pW" * 8, []) is None


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "\U0001f98a\U0001f98a tangerine lighthouse \U0001f30a"]
)
def test_spaces_and_emoji_are_allowed(password):
    assert passwords.password_problem(password, []) is None


def test_common_password_is_refused_with_zxcvbn_warning():
    problem = passwords.password_problem("password", [])
    assert problem is not None
    assert problem.startswith(passwords.WEAK_MESSAGE + ": ")
    assert "top-10 common password" in problem


def test_eight_spaces_are_long_enough_but_too_easy_to_guess():
    problem = passwords.password_problem(" " * 8, [])
    assert problem is not None and problem.startswith(passwords.WEAK_MESSAGE)


def test_email_is_used_as_a_guessable_input():
    inputs = passwords.password_inputs("alice.smith@example.com", "Help Centre")
    assert passwords.password_problem("alice.smith2024", []) is None
    problem = passwords.password_problem("alice.smith2024", inputs)
    assert problem is not None and problem.startswith(passwords.WEAK_MESSAGE)


def test_brand_is_used_as_a_guessable_input_with_and_without_spaces():
    inputs = passwords.password_inputs("alice.smith@example.com", "Help Centre")
    assert inputs == ["alice.smith@example.com", "alice.smith", "Help Centre", "HelpCentre"]
    assert passwords.password_problem("helpcentre2024!", []) is None
    assert passwords.password_problem("helpcentre2024!", inputs) is not None


# --- passwords: hashing -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hasher():
    return passwords.PasswordHasher.fast_for_tests()


def test_hash_round_trip_uses_argon2id(hasher):
    stored = hasher.hash_password("correct horse battery staple")
    assert stored.startswith("$argon2id$")
    assert hasher.verify_password(stored, "correct horse battery staple")
    assert not hasher.verify_password(stored, "correct horse battery stapler")


def test_hashing_applies_nfkc(hasher):
    stored = hasher.hash_password("\ufb01sh and chips")
    assert hasher.verify_password(stored, "fish and chips")


def test_long_passwords_are_never_truncated(hasher):
    password = "x7Gq!m2Lr9#vT4pW" * 8
    stored = hasher.hash_password(password)
    assert hasher.verify_password(stored, password)
    assert not hasher.verify_password(stored, password[:100])


@pytest.mark.parametrize(
    "bad_hash",
    [
        "",
        "garbage",
        "$argon2id$v=19$m=abc",
        "$argon2id$\u00e9",
        "$2b$12$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQ",
        None,
    ],
)
def test_malformed_hash_is_false_not_an_error(hasher, bad_hash):
    assert hasher.verify_password(bad_hash, "anything at all") is False
    assert hasher.needs_rehash(bad_hash) is True


def test_truncated_hash_is_false(hasher):
    stored = hasher.hash_password("correct horse battery staple")
    assert not hasher.verify_password(stored[:-6], "correct horse battery staple")


def test_needs_rehash_when_costs_change(hasher):
    stored = hasher.hash_password("correct horse battery staple")
    assert not hasher.needs_rehash(stored)
    assert passwords.PasswordHasher().needs_rehash(stored)


def test_dummy_hash_is_made_once_with_the_hashers_own_costs(hasher):
    assert hasher.dummy_hash is hasher.dummy_hash
    assert not hasher.needs_rehash(hasher.dummy_hash)
    assert hasher.verify_dummy("correct horse battery staple") is False


# --- emails ---------------------------------------------------------------------------------------


def test_email_is_trimmed_and_domain_lower_cased_but_local_part_kept():
    assert emails.normalise_email("  Alice.Smith@EXAMPLE.COM \n") == "Alice.Smith@example.com"


def test_international_domain_is_lower_cased():
    assert emails.normalise_email("ALICE@B\u00fccher.Example") == "ALICE@b\u00fccher.example"


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_email_asks_for_one(raw):
    with pytest.raises(emails.InvalidEmail) as caught:
        emails.normalise_email(raw)
    assert caught.value.message == emails.EMPTY_MESSAGE


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("no-at-sign", "@-sign"), ("a@b", "period"), ("Alice <a@example.com>", "display name")],
)
def test_invalid_email_gives_a_reader_facing_message(raw, fragment):
    with pytest.raises(emails.InvalidEmail) as caught:
        emails.normalise_email(raw)
    assert fragment in caught.value.message
    assert isinstance(caught.value, ValueError)


def test_email_length_limit_is_254():
    longest = "a" * 64 + "@" + "a" * 63 + "." + "b" * 63 + "." + "c" * 57 + ".com"
    assert len(longest) == 254
    assert emails.normalise_email(longest) == longest
    with pytest.raises(emails.InvalidEmail) as caught:
        emails.normalise_email("a" + longest)
    assert caught.value.message == emails.TOO_LONG_MESSAGE


def test_email_key_is_case_folded():
    assert emails.email_key("Alice.Smith@example.com") == "alice.smith@example.com"
    assert emails.email_key("Stra\u00dfe@example.com") == "strasse@example.com"
    assert emails.emails_equal("Alice@example.com", "ALICE@example.com")
    assert not emails.emails_equal("alice@example.com", "alicia@example.com")


# --- verification codes --------------------------------------------------------------------------


def test_new_codes_are_six_ascii_digits():
    for _ in range(200):
        assert re.fullmatch(r"[0-9]{6}", codes.new_code())


def test_new_code_is_zero_padded(monkeypatch):
    monkeypatch.setattr(secrets, "randbelow", lambda upper: 42)
    assert codes.new_code() == "000042"


def test_code_hash_is_keyed():
    assert re.fullmatch(r"[0-9a-f]{64}", codes.hash_code("123456", CODE_SECRET))
    assert codes.hash_code("123456", CODE_SECRET) == codes.hash_code("123456", CODE_SECRET)
    assert codes.hash_code("123456", CODE_SECRET) != codes.hash_code("123456", b"another key")


@pytest.mark.parametrize(
    "typed",
    ["123456", "123 456", "123-456", " 123456\n", "12 34 56", "\uff11\uff12\uff13\uff14\uff15\uff16"],
)
def test_code_comparison_tolerates_spaces_dashes_and_full_width_digits(typed):
    assert codes.codes_match(codes.hash_code("123456", CODE_SECRET), typed, CODE_SECRET)


@pytest.mark.parametrize(
    "typed", ["123457", "12345", "1234567", "", "abcdef", "\u0661\u0662\u0663\u0664\u0665\u0666"]
)
def test_wrong_or_malformed_code_does_not_match(typed):
    assert not codes.codes_match(codes.hash_code("123456", CODE_SECRET), typed, CODE_SECRET)


def test_code_does_not_match_under_another_key_or_a_corrupt_stored_hash():
    assert not codes.codes_match(codes.hash_code("123456", b"another key"), "123456", CODE_SECRET)
    assert not codes.codes_match("", "123456", CODE_SECRET)
    assert not codes.codes_match("\u00e9t\u00e9", "123456", CODE_SECRET)


def test_code_constants():
    assert codes.CODE_TTL == timedelta(minutes=10)
    assert codes.MAX_WRONG_TRIES == 5
    assert codes.RESEND_INTERVAL == timedelta(minutes=1)
    assert codes.RESENDS_PER_DAY == 5


def test_code_expires_after_ten_minutes():
    assert not codes.code_expired(NOW, NOW + timedelta(minutes=10))
    assert codes.code_expired(NOW, NOW + timedelta(minutes=10, seconds=1))


def test_first_send_is_allowed():
    assert codes.resend_allowed([], NOW)


def test_resend_needs_a_full_minute():
    assert not codes.resend_allowed([NOW - timedelta(seconds=59)], NOW)
    assert codes.resend_allowed([NOW - timedelta(seconds=60)], NOW)


def test_sixth_send_in_a_day_is_refused():
    five_sends = [NOW - timedelta(hours=hours) for hours in (1, 3, 5, 8, 23)]
    assert codes.resend_allowed(five_sends[:4], NOW)
    assert not codes.resend_allowed(five_sends, NOW)


def test_sends_older_than_a_day_no_longer_count():
    five_sends = [NOW - timedelta(hours=hours) for hours in (1, 3, 5, 8, 24)]
    assert codes.resend_allowed(five_sends, NOW)


def test_send_stamped_in_the_future_counts_as_recent():
    assert not codes.resend_allowed([NOW + timedelta(minutes=5)], NOW)


# --- password reset tokens -----------------------------------------------------------------------

LAST_LOGIN = datetime(2025, 3, 1, 8, 0, 0, 123456, tzinfo=UTC)
STATE = reset_tokens.account_state("$argon2id$old-hash", "alice@example.com", LAST_LOGIN)


def check(token, *, user_id=7, state=STATE, secret=TOKEN_SECRET, now=NOW, **kwargs):
    return reset_tokens.check_reset_token(token, user_id, state, secret, now, **kwargs)


@pytest.fixture
def token():
    return reset_tokens.make_reset_token(7, STATE, TOKEN_SECRET, NOW)


def test_fresh_token_is_valid_and_url_safe(token):
    assert check(token)
    assert quote(token, safe="") == token


def test_token_is_valid_for_an_hour_and_no_longer(token):
    assert check(token, now=NOW + timedelta(hours=1))
    assert not check(token, now=NOW + timedelta(hours=1, seconds=1))


def test_token_honours_a_custom_max_age(token):
    assert not check(token, now=NOW + timedelta(minutes=6), max_age=timedelta(minutes=5))


def test_token_dies_when_the_password_changes(token):
    new_state = reset_tokens.account_state("$argon2id$new-hash", "alice@example.com", LAST_LOGIN)
    assert not check(token, state=new_state)


def test_token_dies_when_the_email_changes(token):
    new_state = reset_tokens.account_state("$argon2id$old-hash", "alice@example.org", LAST_LOGIN)
    assert not check(token, state=new_state)


def test_token_dies_when_the_account_signs_in(token):
    later_login = NOW + timedelta(minutes=5)
    new_state = reset_tokens.account_state("$argon2id$old-hash", "alice@example.com", later_login)
    assert not check(token, state=new_state)


def test_state_survives_a_database_dropping_microseconds_and_time_zone():
    stored = LAST_LOGIN.replace(microsecond=0, tzinfo=None)
    assert reset_tokens.account_state("$argon2id$old-hash", "alice@example.com", stored) == STATE
    assert reset_tokens.account_state("h", "a@example.com", None) != STATE


def test_token_is_bound_to_user_and_secret(token):
    assert not check(token, user_id=8)
    assert not check(token, secret="another secret")


def test_tampered_tokens_are_refused(token):
    stamp, signature = token.split("-")
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    later_stamp = reset_tokens._to_base36(int(stamp, 36) + 3600)
    forgeries = [f"{stamp}-{flipped}", f"{later_stamp}-{signature}"]
    forgeries += ["0" + token, token + "0", token.upper()]
    for forged in forgeries:
        assert not check(forged, now=NOW + timedelta(minutes=1))


@pytest.mark.parametrize(
    "garbage", ["", "-", "abc", "x" * 1000, "+1-abc", "1_0-abc", "\u00e9-\u00e9", None]
)
def test_garbage_tokens_are_refused(garbage):
    assert not check(garbage)


def test_token_from_the_future_is_refused():
    future_token = reset_tokens.make_reset_token(7, STATE, TOKEN_SECRET, NOW + timedelta(minutes=1))
    assert not check(future_token)


def test_naive_now_and_empty_secret_are_programming_errors():
    with pytest.raises(ValueError):
        reset_tokens.make_reset_token(7, STATE, TOKEN_SECRET, NOW.replace(tzinfo=None))
    with pytest.raises(ValueError):
        check("garbage", now=NOW.replace(tzinfo=None))
    with pytest.raises(ValueError):
        reset_tokens.make_reset_token(7, STATE, "", NOW)


# --- sign-in throttling ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [
        (0, None), (4, None), (5, 30), (6, 60), (7, 120),
        (8, 240), (9, 480), (10, 900), (11, 900), (10**9, 900),
    ],
)
def test_lockout_grows_from_30_seconds_to_15_minutes(failures, seconds):
    expected = None if seconds is None else NOW + timedelta(seconds=seconds)
    assert throttle.lockout_until(failures, NOW) == expected


def test_is_locked_until_the_delay_has_passed():
    assert throttle.is_locked(5, NOW, NOW + timedelta(seconds=29))
    assert not throttle.is_locked(5, NOW, NOW + timedelta(seconds=30))
    assert not throttle.is_locked(4, NOW, NOW)
    assert not throttle.is_locked(0, None, NOW)


def test_seconds_remaining_rounds_up():
    assert throttle.seconds_remaining(5, NOW, NOW + timedelta(seconds=29, milliseconds=500)) == 1
    assert throttle.seconds_remaining(5, NOW, NOW) == 30
    assert throttle.seconds_remaining(5, NOW, NOW + timedelta(seconds=30)) == 0
    assert throttle.seconds_remaining(3, NOW, NOW) == 0
