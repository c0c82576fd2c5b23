"""Text normalisation: the fast paths give what the full normalisation gives."""

import re
import unicodedata

from hypothesis import given, settings, strategies as st

from checker import thai

# Thai letters, vowels, tone marks, digits of both scripts, the characters `clean` repairs
# or removes, and white space of several kinds.
ALPHABET = ("กขคงจนบปมยรลวสหอะาำิีึืุู่้๊๋็์ัเแโไใๆฯ\u0e38\u0e48" "๐๑๒๓๔๕๖๗๘๙0123456789"
            "\u0e4d\u0e32\u200b\u200c\u200d\u2060\ufeff\u00ad" " \t\n\r\u00a0\u2009\u3000" "abcXYZİ.,-()/_" "–“”…é฿๚")


def reference_clean(text: str) -> str:
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    text = unicodedata.normalize("NFC", text)
    text = re.sub("\u0e4d\\s*\u0e32", "\u0e33", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def reference_compact(text: str) -> str:
    text = reference_clean(text).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")).lower()
    return re.sub(r"[^\w\u0e01-\u0e4f]+", "", text).replace("_", "")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_clean_and_compact_agree_with_the_full_normalisation(text):
    assert thai.clean(text) == reference_clean(text)
    assert thai.compact(text) == reference_compact(text)
    assert thai.clean(thai.clean(text)) == thai.clean(text)  # a cleaned text stays as it is
    # The header search's key: the same but for the digits' script.
    assert thai.to_arabic_digits(thai.compact_letters(text)) == thai.compact(text)


def test_the_fast_path_still_repairs_what_real_files_carry():
    assert thai.clean("ท\u0e4d\u0e32แบบ") == "ทำแบบ"
    assert thai.clean("ระยะ\u200bเวลา") == "ระยะเวลา"
    assert thai.clean("สำนัก\u00a0ปลัด") == "สำนัก ปลัด"
    assert thai.clean("  กองคลัง  ") == "กองคลัง"
    assert thai.compact("ไตรมาส ๒/๒๕๖๘") == "ไตรมาส22568"
    assert thai.compact_letters("ไตรมาส ๒/๒๕๖๘") == "ไตรมาส๒๒๕๖๘"


def test_forgetting_texts_empties_the_caches():
    thai.compact("กองช่าง")
    assert thai.compact.cache_info().currsize > 0
    thai.forget_texts()
    assert thai.clean.cache_info().currsize == thai.compact.cache_info().currsize == 0


def test_the_list_of_white_space_is_what_python_calls_white_space():
    every = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert every - {" "} == set(thai.OTHER_WHITE_SPACE)


def test_digits_of_both_scripts_become_arabic():
    assert thai.to_arabic_digits("๑ ต.ค. ๒๕๖๗ - 30 ก.ย. ๒๕๖๘") == "1 ต.ค. 2567 - 30 ก.ย. 2568"
