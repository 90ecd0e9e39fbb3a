"""content/devices.yml: each validation rule names its line, and `flask content check` reports them."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpcentre.devices.catalogue import DeviceModel, load_catalogue
from tests.helpers.content import REPOSITORY, write_tree

GOOD = """\
- id: speaker-s2
  name: Model S2 speaker
  warranty_months: 24
  serial_pattern: '^S2[A-Z0-9]{8}$'
  release_date: 2023-03-01
"""


def load(tmp_path: Path, text: str) -> tuple[dict[str, DeviceModel] | None, list[str]]:
    """Load `text` as devices.yml; problems print as `devices.yml:<line>: <message>`."""
    path = tmp_path / "devices.yml"
    path.write_text(text, encoding="utf-8")
    catalogue, problems = load_catalogue(path, shown="devices.yml")
    return catalogue, [str(p) for p in problems]


def broken(tmp_path: Path, text: str) -> list[str]:
    """The problems of a devices.yml that leaves registration unavailable."""
    catalogue, problems = load(tmp_path, text)
    assert catalogue is None
    return problems


def model(**changes: str) -> str:
    """GOOD with some keys' values replaced, each on its own line as before."""
    lines = GOOD.splitlines()
    for key, value in changes.items():
        index = next(i for i, line in enumerate(lines) if line.lstrip("- ").startswith(f"{key}:"))
        prefix = lines[index][:lines[index].index(key)]
        lines[index] = f"{prefix}{key}: {value}"
    return "\n".join(lines) + "\n"


def test_good_file_loads_every_field(tmp_path: Path) -> None:
    catalogue, problems = load(tmp_path, GOOD)
    assert problems == []
    assert catalogue == {"speaker-s2": DeviceModel(
        "speaker-s2", "Model S2 speaker", 24, re.compile("^S2[A-Z0-9]{8}$"), date(2023, 3, 1))}


def test_models_keep_the_files_order(tmp_path: Path) -> None:
    second = GOOD.replace("speaker-s2", "watch-w1").replace("Model S2 speaker", "Model W1 watch")
    catalogue, _ = load(tmp_path, second + GOOD)
    assert list(catalogue or {}) == ["watch-w1", "speaker-s2"]


def test_invalid_yaml_names_its_line(tmp_path: Path) -> None:
    text = GOOD + "- id: watch-w1\n  name: Model W1: watch\n"
    assert broken(tmp_path, text) == ["devices.yml:7: invalid YAML: mapping values are not allowed here"]


NOT_A_LIST = "expected a list of device models, each starting with `- id: …`"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "[]\n"])
def test_empty_file_is_not_a_list_of_models(tmp_path: Path, text: str) -> None:
    assert broken(tmp_path, text) == [f"devices.yml:1: {NOT_A_LIST}"]


def test_mapping_instead_of_a_list(tmp_path: Path) -> None:
    text = "# models\n\nid: speaker-s2\nname: Model S2 speaker\n"
    assert broken(tmp_path, text) == [f"devices.yml:3: {NOT_A_LIST}"]


def test_list_item_that_is_not_a_model(tmp_path: Path) -> None:
    assert broken(tmp_path, GOOD + "- just a name\n") == [
        "devices.yml:6: each device model must be `key: value` lines under a `- `"]


def test_missing_key_names_the_model_and_its_first_line(tmp_path: Path) -> None:
    text = GOOD + "\n- id: watch-w1\n  name: Model W1 watch\n  warranty_months: 12\n  serial_pattern: 'W1'\n"
    assert broken(tmp_path, text) == ["devices.yml:7: model `watch-w1` is missing `release_date`"]


def test_missing_id(tmp_path: Path) -> None:
    text = GOOD.replace("- id: speaker-s2\n  name", "- name")
    assert broken(tmp_path, text) == ["devices.yml:1: this model is missing `id`"]


KNOWN = "(known: id, name, warranty_months, serial_pattern, release_date)"


def test_unknown_key_is_reported_but_the_catalogue_still_loads(tmp_path: Path) -> None:
    catalogue, problems = load(tmp_path, GOOD + "  colour: red\n")
    assert catalogue is not None and list(catalogue) == ["speaker-s2"]
    assert problems == [f"devices.yml:6: unknown key `colour` {KNOWN}"]


def test_misspelt_key_is_unknown_and_leaves_the_real_one_missing(tmp_path: Path) -> None:
    assert broken(tmp_path, GOOD.replace("warranty_months", "warranty_month")) == [
        f"devices.yml:3: unknown key `warranty_month` {KNOWN}",
        "devices.yml:1: model `speaker-s2` is missing `warranty_months`",
    ]


def test_duplicate_id_points_at_the_second_and_names_the_first(tmp_path: Path) -> None:
    text = GOOD + "\n" + GOOD.replace("Model S2 speaker", "Another")
    assert broken(tmp_path, text) == ["devices.yml:7: duplicate id `speaker-s2`: line 1 already uses it"]


def test_key_given_twice_in_one_model(tmp_path: Path) -> None:
    assert broken(tmp_path, GOOD + "  name: Model S2 speaker (2023)\n") == [
        "devices.yml:6: `name` is given twice in this model (first on line 2)"]


@pytest.mark.parametrize("value", ["0", "-6", "'24'", "true", "2.5", "121", "two years", ""])
def test_warranty_months_must_be_a_positive_whole_number(tmp_path: Path, value: str) -> None:
    assert broken(tmp_path, model(warranty_months=value)) == [
        "devices.yml:3: `warranty_months` must be a whole number of months from 1 to 120"]


def test_warranty_months_of_120_is_accepted(tmp_path: Path) -> None:
    catalogue, problems = load(tmp_path, model(warranty_months="120"))
    assert problems == [] and catalogue is not None and catalogue["speaker-s2"].warranty_months == 120


@pytest.mark.parametrize(("value", "error"), [
    ("'^S2[A-Z0-9{8}$'", "unterminated character set at position 3"),
    ("'^S2(A'", "missing ), unterminated subpattern at position 3"),
    ("'*S2'", "nothing to repeat at position 0"),
])
def test_invalid_regular_expression_gives_the_regex_error(tmp_path: Path, value: str, error: str) -> None:
    assert broken(tmp_path, model(serial_pattern=value)) == [
        f"devices.yml:4: `serial_pattern` is not a valid regular expression: {error}"]


@pytest.mark.parametrize("value", ["", "42", "['S2']"])
def test_serial_pattern_must_be_text(tmp_path: Path, value: str) -> None:
    assert broken(tmp_path, model(serial_pattern=value)) == [
        "devices.yml:4: `serial_pattern` must be a regular expression in single quotes, like '^S2[A-Z0-9]{8}$'"]


NOT_A_DATE = "devices.yml:5: `release_date` must be a date like 2024-03-01"


@pytest.mark.parametrize("value", ["soon", "'2023-03-01'", "2023-03-01 10:00:00", "2023", "01/03/2023", ""])
def test_release_date_must_be_a_date(tmp_path: Path, value: str) -> None:
    assert broken(tmp_path, model(release_date=value)) == [NOT_A_DATE]


def test_release_date_that_does_not_exist(tmp_path: Path) -> None:
    assert broken(tmp_path, model(release_date="2023-02-30")) == [
        f"{NOT_A_DATE} (day is out of range for month)"]


@pytest.mark.parametrize("value", ["Speaker S2", "speaker_s2", "-speaker", "''", "7"])
def test_id_must_be_a_slug(tmp_path: Path, value: str) -> None:
    assert broken(tmp_path, model(id=value)) == [
        "devices.yml:1: `id` must be a slug: lower-case letters, digits and dashes, like `speaker-s2`"]


def test_id_fits_the_column_that_stores_it(tmp_path: Path) -> None:
    assert load(tmp_path, model(id="s" * 100))[1] == []
    assert broken(tmp_path, model(id="s" * 101)) == ["devices.yml:1: `id` must be at most 100 characters long"]


@pytest.mark.parametrize("value", ["''", "'   '", "[a, b]"])
def test_name_must_be_text(tmp_path: Path, value: str) -> None:
    assert broken(tmp_path, model(name=value)) == [
        "devices.yml:2: `name` must be text, the model's name as readers know it"]


def test_every_problem_in_the_file_is_reported_at_once(tmp_path: Path) -> None:
    problems = broken(tmp_path, model(warranty_months="0", release_date="soon"))
    assert [p.split(": ")[0] for p in problems] == ["devices.yml:3", "devices.yml:5"]


def test_control_character_names_its_line(tmp_path: Path) -> None:
    assert broken(tmp_path, GOOD.replace("Model S2", "Model\x07S2")) == [
        "devices.yml:2: invalid YAML: special characters are not allowed (character #x0007)"]


def test_list_as_a_key_is_reported_like_an_unknown_key(tmp_path: Path) -> None:
    catalogue, problems = load(tmp_path, GOOD + "  ? [a, b]\n  : c\n")
    assert catalogue is not None
    assert problems == ["devices.yml:6: each key must be a name like `name`, one of "
                        "id, name, warranty_months, serial_pattern, release_date"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(), st.builds(lambda a, b, c: a + b + c, st.sampled_from([GOOD, GOOD[:60], GOOD + "- "]),
                                      st.text(st.sampled_from("-:[]{}&*!?#'\"|>% \n\tabc0\x07"), max_size=30),
                                      st.sampled_from(["", GOOD]))))
def test_any_text_gives_a_catalogue_or_problems_never_an_error(tmp_path: Path, text: str) -> None:
    catalogue, problems = load(tmp_path, text)
    assert catalogue is not None or problems
    assert all(p.startswith("devices.yml:") for p in problems)


def test_shared_keys_through_a_yaml_merge(tmp_path: Path) -> None:
    text = GOOD.replace("- id: speaker-s2", "- &speaker\n  id: speaker-s2") + (
        "- <<: *speaker\n  id: speaker-s3\n  name: Model S3 speaker\n")
    catalogue, problems = load(tmp_path, text)
    assert problems == []
    assert catalogue is not None
    assert (catalogue["speaker-s3"].name, catalogue["speaker-s3"].warranty_months) == ("Model S3 speaker", 24)


def test_missing_file_cannot_be_read(tmp_path: Path) -> None:
    catalogue, problems = load_catalogue(tmp_path / "devices.yml", shown="content/devices.yml")
    assert catalogue is None
    assert len(problems) == 1
    assert str(problems[0]).startswith("content/devices.yml:1: cannot read the file: ")


def test_shipped_devices_file_loads_clean() -> None:
    catalogue, problems = load_catalogue(REPOSITORY / "content" / "devices.yml")
    assert problems == []
    assert catalogue is not None and 4 <= len(catalogue) <= 6
    names = [model.name for model in catalogue.values()]
    assert len(set(names)) == len(names)  # readers pick a model by its name


def test_cli_check_passes_on_the_test_content(runner) -> None:
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_cli_check_reports_a_broken_devices_file_and_exits_1(make_app, content_copy: Path) -> None:
    write_tree(content_copy, {"devices.yml": model(warranty_months="0", serial_pattern="'[oops'")})
    result = make_app(CONTENT_DIR=str(content_copy)).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    path = (content_copy / "devices.yml").as_posix()
    assert result.stdout.splitlines() == [
        f"{path}:3: `warranty_months` must be a whole number of months from 1 to 120",
        f"{path}:4: `serial_pattern` is not a valid regular expression: unterminated character set at position 0",
    ]


def test_cli_check_passes_on_a_tree_without_devices_file(make_app, content_copy: Path) -> None:
    (content_copy / "devices.yml").unlink()
    result = make_app(CONTENT_DIR=str(content_copy)).test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
