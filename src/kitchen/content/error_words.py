"""What a pydantic validation error says when the project words it in the language in
force: every error type pydantic_core lists (``pydantic_core.core_schema.ErrorType``), so a
level or lesson-pack problem never falls back to pydantic's English in another language.

In English a problem keeps pydantic's own message (unchanged); in another language the
message is the catalogue's, filled from the error's context (``{gt}``, ``{expected}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kitchen.i18n import DEFAULT_LANGUAGE, N_, _, current_language

ERROR_WORDS: dict[str, str] = {
    "no_such_attribute": N_("has no attribute {attribute}"),
    "json_invalid": N_("is not valid JSON: {error}"),
    "json_type": N_("JSON must be text"),
    "needs_python_object": N_("needs a Python object"),
    "recursion_loop": N_("refers to itself in a loop"),
    "recursion_depth_exceeded": N_("is nested too deeply"),
    "missing": N_("is required"),
    "frozen_field": N_("cannot be changed"),
    "frozen_instance": N_("cannot be changed"),
    "extra_forbidden": N_("is not allowed here"),
    "invalid_key": N_("keys must be text"),
    "get_attribute_error": N_("could not be read: {error}"),
    "model_type": N_("expected a mapping of keys (key: value)"),
    "model_attributes_type": N_("expected a mapping of keys (key: value)"),
    "dataclass_type": N_("expected a mapping of keys (key: value)"),
    "dataclass_exact_type": N_("expected a mapping of keys (key: value)"),
    "named_tuple_type": N_("expected a list"),
    "default_factory_not_called": N_("has no default because of an earlier problem"),
    "none_required": N_("must be empty (nothing)"),
    "greater_than": N_("must be more than {gt}"),
    "greater_than_equal": N_("must be at least {ge}"),
    "less_than": N_("must be less than {lt}"),
    "less_than_equal": N_("must be at most {le}"),
    "multiple_of": N_("must be a multiple of {multiple_of}"),
    "finite_number": N_("must be a finite number"),
    "too_short": N_("has too few items"),
    "too_long": N_("has too many items"),
    "iterable_type": N_("expected a list"),
    "iteration_error": N_("could not be read as a list: {error}"),
    "string_type": N_("expected text"),
    "string_unicode": N_("expected text (it is not valid Unicode)"),
    "string_too_short": N_("is too short (at least {min_length} characters)"),
    "string_too_long": N_("is too long (at most {max_length} characters)"),
    "string_pattern_mismatch": N_("does not have the expected form"),
    "string_not_ascii": N_("must use only ASCII characters"),
    "enum": N_("must be one of: {expected}"),
    "dict_type": N_("expected a mapping of keys (key: value)"),
    "frozen_dict_type": N_("expected a mapping of keys (key: value)"),
    "ordered_dict_type": N_("expected a mapping of keys (key: value)"),
    "counter_type": N_("expected a mapping of keys (key: value)"),
    "mapping_type": N_("expected a mapping of keys (key: value)"),
    "list_type": N_("expected a list"),
    "deque_type": N_("expected a list"),
    "tuple_type": N_("expected a list"),
    "set_type": N_("expected a list of different items"),
    "set_item_not_hashable": N_("this item cannot be in a set"),
    "bool_type": N_("expected true or false"),
    "bool_parsing": N_("expected true or false"),
    "int_type": N_("expected a whole number"),
    "int_parsing": N_("expected a whole number"),
    "int_parsing_size": N_("is too large a whole number"),
    "int_from_float": N_("expected a whole number, not a fraction"),
    "float_type": N_("expected a number"),
    "float_parsing": N_("expected a number"),
    "bytes_type": N_("expected bytes"),
    "bytes_too_short": N_("is too short (at least {min_length} bytes)"),
    "bytes_too_long": N_("is too long (at most {max_length} bytes)"),
    "bytes_invalid_encoding": N_("is not validly encoded: {error}"),
    "value_error": N_("is not valid: {error}"),
    "assertion_error": N_("is not valid: {error}"),
    "literal_error": N_("must be one of: {expected}"),
    "missing_sentinel_error": N_("must be left out"),
    "ellipsis_error": N_("must be ..."),
    "date_type": N_("expected a date (2025-03-14)"),
    "date_parsing": N_("expected a date (2025-03-14)"),
    "date_from_datetime_parsing": N_("expected a date (2025-03-14)"),
    "date_from_datetime_inexact": N_("expected a date without a time of day"),
    "date_past": N_("must be a date in the past"),
    "date_future": N_("must be a date in the future"),
    "time_type": N_("expected a time of day (14:30)"),
    "time_parsing": N_("expected a time of day (14:30)"),
    "datetime_type": N_("expected a date and time (2025-03-14T14:30)"),
    "datetime_parsing": N_("expected a date and time (2025-03-14T14:30)"),
    "datetime_object_invalid": N_("expected a date and time (2025-03-14T14:30)"),
    "datetime_from_date_parsing": N_("expected a date and time (2025-03-14T14:30)"),
    "datetime_past": N_("must be in the past"),
    "datetime_future": N_("must be in the future"),
    "timezone_naive": N_("must not give a time zone"),
    "timezone_aware": N_("must give a time zone"),
    "timezone_offset": N_("must be in time zone {tz_expected}, not {tz_actual}"),
    "time_delta_type": N_("expected a duration"),
    "time_delta_parsing": N_("expected a duration"),
    "frozen_set_type": N_("expected a list of different items"),
    "is_instance_of": N_("expected {class}"),
    "is_subclass_of": N_("expected {class}"),
    "callable_type": N_("expected something that can be called"),
    "union_tag_invalid": N_("unknown {discriminator} {tag}; one of: {expected_tags}"),
    "union_tag_not_found": N_("needs the key {discriminator}"),
    "arguments_type": N_("expected a list or a mapping"),
    "missing_argument": N_("is required"),
    "unexpected_keyword_argument": N_("is not allowed here"),
    "missing_keyword_only_argument": N_("is required"),
    "unexpected_positional_argument": N_("is not allowed here"),
    "missing_positional_only_argument": N_("is required"),
    "multiple_argument_values": N_("is given more than once"),
    "url_type": N_("expected a web address"),
    "url_parsing": N_("is not a valid web address: {error}"),
    "url_syntax_violation": N_("is not a valid web address: {error}"),
    "url_too_long": N_("is too long a web address (at most {max_length} characters)"),
    "url_scheme": N_("must be a web address starting with {expected_schemes}"),
    "uuid_type": N_("expected a UUID"),
    "uuid_parsing": N_("is not a valid UUID"),
    "uuid_version": N_("expected a UUID of version {expected_version}"),
    "decimal_type": N_("expected a number"),
    "decimal_parsing": N_("expected a number"),
    "decimal_max_digits": N_("has too many digits (at most {max_digits})"),
    "decimal_max_places": N_("has too many decimals (at most {decimal_places})"),
    "decimal_whole_digits": N_(
        "has too many digits before the decimal point (at most {whole_digits})"
    ),
    "fraction_type": N_("expected a number"),
    "fraction_parsing": N_("expected a number"),
    "complex_type": N_("expected a complex number"),
    "complex_str_parsing": N_("expected a complex number"),
}
"""Each pydantic error type's message, in English, for the catalogue."""


class _Context(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def error_words(kind: str, ctx: Mapping[str, Any] | None, english: str) -> str:
    """The message of a pydantic error of type ``kind`` (context ``ctx``) in the language in
    force: ``english`` (pydantic's own) in English or for a type pydantic added later."""
    if current_language().split("_")[0] == DEFAULT_LANGUAGE or kind not in ERROR_WORDS:
        return english
    return _(ERROR_WORDS[kind]).format_map(_Context({k: str(v) for k, v in (ctx or {}).items()}))
