"""Number formatting for messages (kept out of translated calls: Odoo's term
extractor reads the arguments of ``_()`` and cannot evaluate f-strings there)."""

from decimal import Decimal

from odoo.tools.misc import formatLang


def user_env(records, user):
    """The environment of ``records`` in ``user``'s language and time zone: what the suite
    writes to a user (an activity, its note, its due day) reads in their language and falls
    on their day."""
    return records.with_context(lang=user.lang or records.env.lang, tz=user.tz or "Asia/Ho_Chi_Minh").env


def _format(env, value, digits):
    if env is None:
        return f"{value or 0:,.{digits}f}"
    return formatLang(env, value or 0, digits=digits)


def format_amount(value, env=None):
    """An amount of money in whole dong, grouped the way the user's language writes numbers:
    1.500.000 in Vietnamese, 1,500,000 in English (without ``env``: the English way)."""
    return _format(env, value, 0)


def format_number(value, env=None):
    """A rule value without trailing zeros, in the user's language: 18, 1,5 (vi) / 1.5 (en)."""
    value = value or 0
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    digits = len(text.split(".")[1]) if "." in text else 0
    return _format(env, value, digits)


def format_rate(value, env=None):
    """A percentage with one decimal, in the user's language: 79,5 (vi) / 79.5 (en)."""
    return _format(env, value, 1)


# ----------------------------------------------------------------------
# Amounts in Vietnamese words (Treasury forms: "Bằng chữ")
# ----------------------------------------------------------------------
_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Groups of three digits below a billion, from the units up; a billion (tỷ) and more is
# read as a number of tỷ (nghìn tỷ = 10^12, triệu tỷ = 10^15).
_GROUPS = ("", "nghìn", "triệu")
AMOUNT_WORDS_MAX = 10**15


def _three_digits_vi(number, leading):
    """Words of one group (0-999); ``leading``: no higher group is read before it."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or not leading:
        # A group after a higher one always says its hundreds: "không trăm".
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 5: "lăm"}.get(units, _DIGITS[units]))
    return words


def _below_billion_vi(number, leading):
    """Words of 1 to 999,999,999; ``leading``: nothing is read before it."""
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        if not groups[index]:
            continue  # an all-zero group is not read
        words += _three_digits_vi(groups[index], leading=leading and index == top)
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    return words


def amount_in_words_vi(amount, unit="đồng"):
    """Spell a whole amount of 0 to 10^15 in Vietnamese, as the Treasury forms read it.

    ``amount`` is an ``int`` or an integral ``Decimal`` (never a float, whose rounding
    would change the words). Only the first letter is a capital: "Một tỷ hai trăm triệu
    đồng", "Hai nghìn không trăm linh một đồng".
    """
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        raise TypeError(f"amount_in_words_vi takes an int or a Decimal, not {type(amount).__name__}")
    if isinstance(amount, Decimal):
        if amount != amount.to_integral_value():
            raise ValueError(f"{amount} is not a whole amount")
        amount = int(amount)
    if not 0 <= amount <= AMOUNT_WORDS_MAX:
        raise ValueError(f"{amount} is outside 0 to 10^15")
    if amount == 0:
        words = ["không"]
    else:
        billions, rest = divmod(amount, 10**9)
        words = []
        if billions:
            # 2,500 billion reads "hai nghìn năm trăm tỷ": the billions are a number of their own.
            words += _below_billion_vi(billions, leading=True) + ["tỷ"]
        if rest:
            words += _below_billion_vi(rest, leading=not billions)
    text = " ".join(words + ([unit] if unit else []))
    return text[:1].upper() + text[1:]


def schedule_todos(env, model_name, todos):
    """Create to-dos on records of ``model_name`` in one batch, as ``activity_schedule`` writes
    them: ``todos`` is a list of (record id, user, summary, note, deadline). A daily job that
    flags thousands of records then costs a fixed number of queries, not ten per record.
    Returns the activities created."""
    if not todos:
        return env["mail.activity"]
    todo_type = env.ref("mail.mail_activity_data_todo")
    model_id = env["ir.model"]._get_id(model_name)
    return (
        env["mail.activity"]
        .with_context(mail_activity_quick_update=True)
        .create(
            [
                {
                    "activity_type_id": todo_type.id,
                    "summary": summary,
                    "automated": True,
                    "note": note,
                    "date_deadline": deadline,
                    "res_model_id": model_id,
                    "res_id": res_id,
                    "user_id": user.id,
                }
                for res_id, user, summary, note, deadline in todos
            ]
        )
    )
