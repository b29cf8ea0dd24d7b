"""The base world must be clean: every rule test relies on breaking exactly one thing in it."""

from tests.conftest import World


def test_world_is_clean(world: World) -> None:
    report = world.validate()
    assert [f.as_dict() for f in report.findings] == []
    assert report.files == 11

