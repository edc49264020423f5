"""Take-home: several exports at once, bundles, and importing them on another machine."""

from __future__ import annotations

import tomllib

from svassess.assessment import new_assessment
from svassess.store import Store
from tests.conftest import run_cli


def make(data_dir, bank, name, note=""):
    a = new_assessment(bank, name, "Org")
    a.answer(bank.question("policy.act"), "partly")
    if note:
        a.set_note("policy.act", note)
    a.plan.add_own("Meet the council")
    Store(data_dir).save(a, None)
    return a


def test_export_all_into_a_folder_one_file_each(data_dir, bank, tmp_path):
    make(data_dir, bank, "Harbour Kitchen")
    make(data_dir, bank, "Harbour Kitchen")             # same name: a distinct file name
    make(data_dir, bank, "Green Routes")
    out = tmp_path / "take home"
    done = run_cli("export", "--all", "--format", "html", "-o", str(out), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 3 and "Green-Routes.html" in files
    assert sum(f.startswith("Harbour-Kitchen") for f in files) == 2
    again = run_cli("export", "--all", "--format", "html", "-o", str(out), data_dir=data_dir)
    assert again.returncode == 1 and "--force" in again.stderr


def test_export_several_named_ones(data_dir, bank, tmp_path):
    make(data_dir, bank, "Harbour Kitchen")
    make(data_dir, bank, "Green Routes")
    done = run_cli("export", "Harbour Kitchen", "Green Routes", "--format", "md", "-o",
                   str(tmp_path / "out"), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "Green-Routes.md", "Harbour-Kitchen.md"]


def test_bundle_round_trip_to_another_machine(data_dir, bank, tmp_path):
    original = make(data_dir, bank, "Harbour Kitchen", note="Board minutes 🧾 [x](y)")
    done = run_cli("export", "Harbour Kitchen", "--format", "bundle", "-o",
                   str(tmp_path / "hk.svassess"), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    manifest = tomllib.loads((tmp_path / "hk.svassess").read_text(encoding="utf-8"))["bundle"]
    assert manifest["format"] == "svassess-bundle" and manifest["bank"] == "test-bank"

    other = tmp_path / "other machine"
    imported = run_cli("import", str(tmp_path / "hk.svassess"), data_dir=other)
    assert imported.returncode == 0, imported.stderr
    back = Store(other).read(Store(other).path_for(original.id)).assessment
    assert back.answers == original.answers and back.plan == original.plan
    assert back.name == "Harbour Kitchen"

    twice = run_cli("import", str(tmp_path / "hk.svassess"), data_dir=other)
    assert twice.returncode == 1 and "already here" in twice.stderr and "--as-copy" in twice.stderr
    assert len(Store(other).assessments().items) == 1

    copy = run_cli("import", "--as-copy", str(tmp_path / "hk.svassess"), data_dir=other)
    assert copy.returncode == 0, copy.stderr
    assert len(Store(other).assessments().items) == 2


def test_import_refuses_damaged_bundles_and_keeps_going(data_dir, bank, tmp_path):
    make(data_dir, bank, "Harbour Kitchen")
    make(data_dir, bank, "Green Routes")
    run_cli("export", "--all", "--format", "bundle", "-o", str(tmp_path), data_dir=data_dir)
    damaged, good = sorted(tmp_path.glob("*.svassess"))
    damaged.write_text(damaged.read_text(encoding="utf-8").replace("partly", "yes"),
                       encoding="utf-8")
    (tmp_path / "junk.svassess").write_text("not toml [", encoding="utf-8")
    other = tmp_path / "other"
    done = run_cli("import", str(damaged), str(tmp_path / "junk.svassess"), str(good),
                   data_dir=other)
    assert done.returncode == 1
    assert "changed or damaged" in done.stderr and "junk.svassess" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(Store(other).assessments().items) == 1


def test_a_plain_assessment_file_can_be_imported_too(data_dir, bank, tmp_path):
    a = make(data_dir, bank, "Harbour Kitchen")
    other = tmp_path / "other"
    done = run_cli("import", str(Store(data_dir).path_for(a.id)), data_dir=other)
    assert done.returncode == 0, done.stderr
    assert Store(other).assessments().items[0].assessment.id == a.id


def test_import_of_a_file_with_an_enormous_number_is_one_clear_line(tmp_path):
    bad = tmp_path / "huge.svassess"
    bad.write_text("x = " + "9" * 5000 + "\n", encoding="utf-8")
    done = run_cli("import", str(bad), data_dir=tmp_path / "data")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_open_of_a_file_outside_the_data_folder_says_to_import_it(data_dir, bank, tmp_path):
    a = make(data_dir, bank, "Harbour Kitchen")
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes(Store(data_dir).path_for(a.id).read_bytes())
    done = run_cli("open", str(outside), data_dir=tmp_path / "other")
    assert done.returncode == 1 and "svassess import" in done.stderr
    assert "Traceback" not in done.stderr
