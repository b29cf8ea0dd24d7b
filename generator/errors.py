"""The one error hierarchy.

Findings about records are data (see `generator.findings`), not exceptions: a user's bad record
must never become a traceback. Exceptions here are for the tool itself being unable to proceed
(a missing folder, bad usage); the CLI turns each into one Chinese line, `--debug` shows the cause.
"""


class PeixunError(Exception):
    """Base of every error the CLI knows how to explain."""

    exit_code = 1


class UsageError(PeixunError):
    """The command line asks for something impossible (exit 2, like click's usage errors)."""

    exit_code = 2


class RecordsDirError(PeixunError):
    """The records folder is missing or not a folder."""

    exit_code = 2


class RecordsInvalidError(PeixunError):
    """A command that needs clean records (settle, build) was given records with errors."""

    exit_code = 1


class GitError(PeixunError):
    """A Git operation failed (no repository, unknown revision): the command was pointed at the wrong
    place, so it is a usage error (exit 2), not a finding about records."""

    exit_code = 2


class IntakeError(PeixunError):
    """An intake command cannot start: no pseudonym key, no such spreadsheet or class, a record
    that already exists. Problems inside a spreadsheet are data (`RowProblem`), not this."""

    exit_code = 2


class RecordBuildError(PeixunError, ValueError):
    """The record factory (`generator.factory`) was asked for a record the models forbid: an unknown
    field, a float where money or a ratio belongs, a value out of range. Raised by code that writes
    records (the sample, the tests' world, the benchmark corpus, `peixun init`), never by loading."""

    exit_code = 1


class JsonContractError(PeixunError):
    """A JSON output was handed a value outside the writer's contract (see `generator.jsonbytes`):
    a float, an integer beyond 2^53, text that is not valid Unicode, a key that is not text, or an
    object JSON has no form for. That is a defect in the code that built the data, never in the
    records, so it stops the command instead of publishing bytes that differ from the format."""

    exit_code = 70  # EX_SOFTWARE: an internal error


class GeneratedDocError(PeixunError):
    """A hand-written document lacks the markers of a section the code writes into it
    (`generator.contract.SECTIONS`): where the section goes is for its author to say."""

    exit_code = 1
