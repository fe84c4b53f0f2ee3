import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from romahub.site.management.commands import create_editor


@pytest.mark.django_db
def test_create_editor_asks_for_a_strong_password_twice(monkeypatch):
    answers = iter(["short", "short", "a-strong-pass-phrase-42", "a-different-one-42!!", "a-strong-pass-phrase-42",
                    "a-strong-pass-phrase-42"])
    monkeypatch.setattr(create_editor.getpass, "getpass", lambda prompt: next(answers))
    call_command("create_editor", username="mihai", email="m@example.org", role="translator")
    user = get_user_model().objects.get(username="mihai")
    assert user.check_password("a-strong-pass-phrase-42")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Translators"]


@pytest.mark.django_db
def test_create_editor_refuses_an_existing_username(monkeypatch):
    get_user_model().objects.create_user("taken")
    with pytest.raises(CommandError):
        call_command("create_editor", username="taken", email="t@example.org")


@pytest.mark.django_db
def test_no_account_exists_until_someone_creates_one():
    assert not get_user_model().objects.exists()


def test_compile_translations_refuses_incomplete_catalogues(tmp_path, settings):
    (tmp_path / "xx/LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "xx/LC_MESSAGES/django.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "Hello"\nmsgstr ""\n')
    settings.LOCALE_PATHS = [tmp_path]
    with pytest.raises(CommandError, match="untranslated"):
        call_command("compile_translations")
