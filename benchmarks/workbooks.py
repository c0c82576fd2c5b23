"""Realistic workbooks for the benchmark: a batch of agencies' reports and big tables.

`write_batch(folder, n, seed)` writes `n` results-report workbooks as agencies fill them
in: the template (title rows, header in row 4, metadata sheet, an untouched plan sheet)
with the agency's name in the subtitle, 10 to 40 rows of Thai text of the length real
reports have, each file's text drawn afresh from phrase pools so files differ like
different agencies' files, and the defects officers make (an empty cell, a "-", a
misspelt office, a paragraph copied from another agency's file, a metadata sheet left
empty). `write_big(path, rows, seed)` writes one report table of `rows` rows in
openpyxl's write_only mode, of the same make: every row's text is a fresh combination,
never the same rows repeated with a counter (repeated rows would make the near-duplicate
search degenerate into one block and measure something no real file does).

Everything is seeded: the same arguments give the same text.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from checker import samples, template  # noqa: E402
from checker.thai import to_thai_digits  # noqa: E402

# ------------------------------------------------------------------ phrase pools

PROVINCES = [
    "อ่างทอง", "ขอนแก่น", "นครราชสีมา", "อุดรธานี", "เชียงใหม่", "เชียงราย", "ลำปาง", "พิษณุโลก",
    "นครสวรรค์", "สุพรรณบุรี", "ราชบุรี", "ชลบุรี", "ระยอง", "จันทบุรี", "สงขลา", "นครศรีธรรมราช",
    "สุราษฎร์ธานี", "ตรัง", "บุรีรัมย์", "สุรินทร์", "ศรีสะเกษ", "อุบลราชธานี", "ร้อยเอ็ด", "มหาสารคาม",
    "กาฬสินธุ์", "สกลนคร", "นครพนม", "เลย", "หนองคาย", "ชัยภูมิ", "เพชรบูรณ์", "ลพบุรี",
]
# Tambon-like names: a first part and a second part, as most Thai place names are made.
_PLACE_HEADS = ["หนอง", "นา", "บ้าน", "โนน", "ดอน", "ห้วย", "คลอง", "ท่า", "บ่อ", "วัง", "โคก", "ทุ่ง",
                "หัวนา", "เขา", "สระ", "ป่า", "บึง", "แม่", "ลำ", "กุด"]
_PLACE_TAILS = ["บัว", "โพธิ์", "แก้ว", "ทอง", "ยาง", "หลวง", "ไผ่", "ม่วง", "ขาม", "ตะเคียน", "กระทุ่ม",
                "แดง", "งาม", "สะแก", "เตย", "มะค่า", "จาน", "สูง", "ขวาง", "คำ", "สองห้อง", "หิน"]
AGENCY_TYPES = ["องค์การบริหารส่วนตำบล"] * 6 + ["เทศบาลตำบล"] * 3 + ["เทศบาลเมือง"]

_TOPICS = [
    "ยกระดับกระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
    "เสริมสร้างมาตรฐานทางจริยธรรมของบุคลากร",
    "เผยแพร่ข้อมูลต่อสาธารณะ",
    "กำกับดูแลการใช้ทรัพย์สินของทางราชการ",
    "ป้องกันการรับสินบนในทุกรูปแบบ",
    "ป้องกันผลประโยชน์ทับซ้อนในการปฏิบัติหน้าที่",
    "ส่งเสริมการมีส่วนร่วมของประชาชนในการตรวจสอบการดำเนินงาน",
    "จัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    "สร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
    "ปรับปรุงคุณภาพการให้บริการประชาชน",
    "พัฒนาระบบการให้บริการผ่านช่องทางอิเล็กทรอนิกส์ (e-Service)",
    "บริหารงานบุคคลอย่างเป็นธรรมและตรวจสอบได้",
    "ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)",
    "สร้างวัฒนธรรมองค์กรที่ไม่ทนต่อการทุจริต",
    "ยกระดับกลไกการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
    "ส่งเสริมการใช้ดุลยพินิจของผู้บริหารอย่างโปร่งใส",
    "ป้องกันการใช้รถราชการเพื่อประโยชน์ส่วนตน",
    "เปิดเผยแผนการใช้จ่ายงบประมาณประจำปี",
]
_QUALIFIERS = ["", "", " ภายในหน่วยงาน", " ตามหลักธรรมาภิบาล", " ของบุคลากรทุกระดับ", " อย่างต่อเนื่อง",
               " ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", " ในการปฏิบัติหน้าที่"]
_ACTIVITIES = ["", "", "", " กิจกรรมประชุมชี้แจงแนวทางปฏิบัติ", " กิจกรรมอบรมให้ความรู้", " โครงการเสริมสร้างคุณธรรม",
               " กิจกรรมจัดทำคู่มือ", " กิจกรรมประกาศเจตนารมณ์", " โครงการองค์กรโปร่งใส", " กิจกรรมเผยแพร่ข้อมูล"]

_VERBS = ["จัดทำ", "ทบทวนและปรับปรุง", "เผยแพร่", "ประชุมชี้แจง", "แจ้งเวียน", "ติดตามและประเมินผล",
          "รวบรวมและวิเคราะห์", "ประกาศ", "จัดอบรมเรื่อง", "แต่งตั้งคณะทำงานจัดทำ", "ตรวจสอบ", "สรุปผล"]
_OBJECTS = ["คู่มือการปฏิบัติงานของแต่ละส่วนราชการ", "ประมวลจริยธรรมของพนักงานส่วนท้องถิ่น",
            "แผนการจัดซื้อจัดจ้างประจำปี", "ประกาศเจตนารมณ์การต่อต้านการทุจริต", "แนวทางปฏิบัติ Do's and Don'ts",
            "ขั้นตอนและระยะเวลาการให้บริการ", "ทะเบียนทรัพย์สินและครุภัณฑ์", "ข้อมูลการใช้จ่ายงบประมาณรายไตรมาส",
            "ช่องทางการรับเรื่องร้องเรียนการทุจริต", "ผลการประเมิน ITA ของปีที่ผ่านมา",
            "มาตรการป้องกันผลประโยชน์ทับซ้อน", "หลักเกณฑ์การประเมินผลการปฏิบัติงานของพนักงาน",
            "ระเบียบการยืมพัสดุและครุภัณฑ์ของทางราชการ", "แผนปฏิบัติการป้องกันการทุจริต"]
_DETAILS = ["ให้บุคลากรทุกคนรับทราบและถือปฏิบัติ", "ทางเว็บไซต์และเฟซบุ๊กของหน่วยงาน", "เสนอผู้บริหารพิจารณาทุกไตรมาส",
            "ในการประชุมประจำเดือนของพนักงาน", "ผ่านบอร์ดประชาสัมพันธ์และหอกระจายข่าวหมู่บ้าน",
            "โดยกำหนดผู้รับผิดชอบและระยะเวลาให้ชัดเจน", "พร้อมแบบฟอร์มที่ประชาชนดาวน์โหลดได้",
            "และรายงานผลต่อนายกทุกหกเดือน", "ให้เป็นปัจจุบันอย่างน้อยเดือนละครั้ง",
            "เพื่อลดขั้นตอนและระยะเวลาการให้บริการ", "ร่วมกับผู้นำชุมชนและอาสาสมัครในพื้นที่", ""]
_DONE = ["จัดอบรมพนักงาน", "ประชุมชี้แจงบุคลากร", "เผยแพร่ข้อมูลทางเว็บไซต์", "จัดทำคู่มือ", "ออกประกาศ",
         "ตรวจสอบพัสดุ", "รับเรื่องร้องเรียน", "จัดเวทีประชาคม", "ปรับปรุงข้อมูลบนเว็บไซต์", "แจกเอกสารเผยแพร่"]
_UNITS = ["คน", "ครั้ง", "ฉบับ", "เรื่อง", "ช่องทาง", "หมู่บ้าน", "รายการ"]
_RESULT_TAILS = ["ครบตามแผนที่กำหนด", "และรายงานผลต่อผู้บริหารแล้ว", "ภายในระยะเวลาที่กำหนด",
                 "คิดเป็นร้อยละ {pct} ของเป้าหมาย", "และเผยแพร่สรุปผลให้ประชาชนทราบ", "โดยไม่มีข้อทักท้วง"]
_SUBJECTS = ["ประชาชน", "บุคลากร", "ผู้รับบริการ", "พนักงานและลูกจ้าง", "ผู้บริหารและสมาชิกสภา", "ผู้ประกอบการ",
             "ผู้สูงอายุและผู้พิการ", "ผู้นำชุมชน", "เด็กและเยาวชน", "อาสาสมัครสาธารณสุข", "กลุ่มสตรี"]
_EFFECTS = ["ทราบขั้นตอนและระยะเวลาการให้บริการ", "เข้าถึงข้อมูลการดำเนินงานได้สะดวก",
            "รับทราบแนวทางการประพฤติตนตามประมวลจริยธรรม", "มีความเชื่อมั่นต่อการดำเนินงานของหน่วยงาน",
            "ตรวจสอบการใช้งบประมาณได้", "มีส่วนร่วมในการเสนอความคิดเห็นต่อการดำเนินงาน",
            "ปฏิบัติงานตามขั้นตอนในคู่มือได้ถูกต้อง", "ร้องเรียนการทุจริตได้หลายช่องทาง",
            "ได้รับบริการที่รวดเร็วและเป็นธรรม", "รู้จักช่องทางการแจ้งเบาะแสการทุจริต",
            "เห็นความสำคัญของการปฏิบัติงานอย่างซื่อสัตย์สุจริต", "ได้รับข้อมูลข่าวสารครบถ้วนและทันเวลา",
            "เข้าใจหลักเกณฑ์การจัดซื้อจัดจ้างของหน่วยงาน", "มีช่องทางติดตามความคืบหน้าของเรื่องที่ยื่นไว้"]
_OUTCOME_TAILS = ["ไม่มีเรื่องร้องเรียนการทุจริต", "ความพึงพอใจเพิ่มขึ้นเป็นร้อยละ {pct}",
                  "ผลการประเมิน ITA สูงขึ้นจากปีที่ผ่านมา", "ลดระยะเวลาการให้บริการลงร้อยละ {small}",
                  "ไม่มีทรัพย์สินของทางราชการสูญหาย", ""]
_MONITORING = ["หัวหน้าส่วนราชการตรวจสอบก่อนเผยแพร่และรายงานนายกทุกไตรมาส",
               "ปลัดติดตามความก้าวหน้าในการประชุมประจำเดือน", "งานนโยบายและแผนสรุปผลเสนอผู้บริหารทุกหกเดือน",
               "คณะทำงานติดตามผลและรายงานผู้บริหารเมื่อสิ้นปีงบประมาณ",
               "๑.ตรวจสอบรายละเอียดให้ครบถ้วนถูกต้องก่อนบันทึกลงเว็บไซต์และระบบ ITA ๒.รายงานผลให้ผู้บริหารทราบ"]
_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
           "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
_VENUES = ["ห้องประชุมสำนักงาน", "ห้องประชุมสภา", "ศาลาประชาคมหมู่บ้าน", "ศูนย์พัฒนาเด็กเล็ก",
           "อาคารอเนกประสงค์", "วัดประจำหมู่บ้าน", "โรงเรียนในพื้นที่", "ศูนย์บริการร่วม"]
_DONE_OBJECTS = ["", "", "ด้านคุณธรรมและความโปร่งใส", "เรื่องการป้องกันการทุจริต", "ตามแผนปฏิบัติการ",
                 "ด้านการให้บริการ", "เรื่องประมวลจริยธรรม", "เกี่ยวกับการจัดซื้อจัดจ้าง", "ด้านการเงินและบัญชี"]
_MEASURED = ["(แบบสอบถาม {pct} ชุด)", "จากการสำรวจความพึงพอใจ {pct} ราย", "ตามรายงานผลรอบ {small} วัน",
             "จากสถิติผู้รับบริการ {pct} ราย", "ตามผลการประเมินของคณะทำงาน", "จากการติดตามผล {small} ครั้ง", ""]
_PERIODS = ["๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘", "ต.ค. ๒๕๖๗ - มี.ค. ๒๕๖๘", "๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘",
            "ตลอดปีงบประมาณ ๒๕๖๘", "๑ มกราคม - ๓๐ มิถุนายน ๒๕๖๘", "เม.ย. - ก.ย. ๒๕๖๘",
            "ไตรมาสที่ ๒ - ๓ (ม.ค. - มิ.ย. ๒๕๖๘)", "พฤศจิกายน ๒๕๖๗", "๑ เม.ย. ๒๕๖๘ - ๓๐ ก.ย. ๒๕๖๘"]
_OFFICES = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "กองสาธารณสุขและสิ่งแวดล้อม",
            "กองสวัสดิการสังคม", "หน่วยตรวจสอบภายใน", "สำนักปลัด (งานนิติการ)", "สำนักปลัด (งานการเจ้าหน้าที่)",
            "กองคลัง (งานพัสดุ)", "ทุกส่วนราชการ", "สำนักปลัด (งานนโยบายและแผน)"]
# Near misses of real offices, as officers type them.
MISSPELT_OFFICES = ["กองครัง", "สำนักปลัต", "กองช้าง", "กองสาธารนสุข", "หน่วยตรวจสอบภายนใน"]
PLACEHOLDERS = ["-", "-", ".", "ไม่มี", "…"]
_URL_PATHS = ["ita", "news", "manual", "procurement", "ethics", "complaint", "budget", "plan"]


class Agency:
    """One agency: its name, district, province and web host."""

    def __init__(self, rng: random.Random, index: int) -> None:
        head = _PLACE_HEADS[index % len(_PLACE_HEADS)]
        tail = _PLACE_TAILS[(index // len(_PLACE_HEADS)) % len(_PLACE_TAILS)]
        self.place = head + tail
        self.type = rng.choice(AGENCY_TYPES)
        self.name = self.type + self.place
        self.province = rng.choice(PROVINCES)
        self.district = rng.choice(["เมือง" + self.province, rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS)])
        self.host = f"www.{'abt' if self.type.startswith('องค์การ') else 'tessaban'}{index + 1:04d}.go.th"


def _n(rng: random.Random, low: int, high: int) -> str:
    return to_thai_digits(str(rng.randint(low, high)))


def _fmt(text: str, rng: random.Random) -> str:
    return text.format(pct=_n(rng, 70, 98), small=_n(rng, 10, 40))


def measure_title(rng: random.Random) -> str:
    return "มาตรการ" + rng.choice(_TOPICS) + rng.choice(_QUALIFIERS) + rng.choice(_ACTIVITIES)


def _date(rng: random.Random) -> str:
    month = rng.randrange(12)
    year = 2567 if month < 3 else 2568  # fiscal year 2568: October 2567 to September 2568
    return f"{_n(rng, 1, 28)} {_MONTHS[(month + 9) % 12]} {to_thai_digits(str(year))}"


def _place(rng: random.Random) -> str:
    return f"บ้าน{rng.choice(_PLACE_HEADS)}{rng.choice(_PLACE_TAILS)} หมู่ที่ {_n(rng, 1, 18)}"


def _specifics(rng: random.Random) -> str:
    """What makes one agency's sentence its own: how many, when, where, by whom."""
    # Digits are no help: the checker compares texts with digits folded away, so what
    # tells two sentences apart must be words (a village, a month, a venue, an office).
    return rng.choice([
        lambda: f" จำนวน {_n(rng, 1, 12)} {rng.choice(_UNITS)} ภายในเดือน{rng.choice(_MONTHS)}",
        lambda: f" ใน{_place(rng)}",
        lambda: f" ณ {rng.choice(_VENUES)} {_place(rng)}",
        lambda: f" โดย{rng.choice(_OFFICES[:7])} ภายในเดือน{rng.choice(_MONTHS)}",
    ])()


def steps_text(rng: random.Random) -> str:
    count = rng.choice([1, 2, 2, 3, 3, 4])
    items = []
    for _ in range(count):
        detail = rng.choice(_DETAILS)
        items.append(f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}{_specifics(rng)}{' ' + detail if detail else ''}")
    if count == 1:
        return items[0]
    return " ".join(f"{to_thai_digits(str(i))}. {item}" for i, item in enumerate(items, start=1))


def output_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.choice([1, 2, 2, 3])):
        part = f"{rng.choice(_DONE)}{rng.choice(_DONE_OBJECTS)} {_n(rng, 1, 120)} {rng.choice(_UNITS)}"
        if rng.random() < 0.6:
            part += f" เมื่อวันที่ {_date(rng)}"
        if rng.random() < 0.4:
            part += f" ณ {rng.choice(_VENUES)}"
        parts.append(part)
    return " และ".join(parts) + " " + _fmt(rng.choice(_RESULT_TAILS), rng)


def outcome_text(rng: random.Random, agency: Agency | None = None) -> str:
    subject = rng.choice(_SUBJECTS)
    if agency is not None and rng.random() < 0.15:
        subject += "ในเขต" + agency.name
    elif rng.random() < 0.85:
        subject += "ใน" + _place(rng)
    text = subject + rng.choice(_EFFECTS) + " " + rng.choice(_MEASURED)
    if rng.random() < 0.7:
        text += f" เมื่อสิ้นเดือน{rng.choice(_MONTHS)} ณ {rng.choice(_VENUES)}"
    text = _fmt(text, rng)
    tail = _fmt(rng.choice(_OUTCOME_TAILS), rng)
    return text + (" " + tail if tail else "")


def responsible_text(rng: random.Random) -> str:
    if rng.random() < 0.25:
        offices = rng.sample(_OFFICES[:7], rng.choice([2, 3]))
        return " ".join("- " + office for office in offices)
    return rng.choice(_OFFICES)


def report_row(rng: random.Random, agency: Agency, seq: int) -> dict:
    return {
        "seq": to_thai_digits(str(seq)),
        "measure": measure_title(rng),
        "steps": steps_text(rng),
        "period": rng.choice(_PERIODS),
        "responsible": responsible_text(rng),
        "output": output_text(rng),
        "outcome": outcome_text(rng, agency),
        "monitoring": rng.choice(_MONITORING),
        "evidence": f"https://{agency.host}/{rng.choice(_URL_PATHS)}/{rng.randint(100, 9999)}",
    }


def subtitle(agency: Agency) -> str:
    return f"{agency.name} อำเภอ{agency.district} จังหวัด{agency.province} ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"


# ------------------------------------------------------------------ the batch


def write_batch(folder: Path, count: int, seed: int = 2568) -> dict:
    """Write `count` report workbooks into `folder`; return what was written and the
    defects planted (for the run's description, not for checking the checker)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    planted = {"empty-cell": 0, "placeholder-text": 0, "responsible-unknown": 0,
               "copied-from-other-file": 0, "metadata-empty": 0, "clean-files": 0}
    rows_total = 0
    previous_rows: list[dict] | None = None
    paths = []
    for index in range(count):
        agency = Agency(rng, index)
        rows = [report_row(rng, agency, i + 1) for i in range(rng.randint(10, 40))]
        # The bundled sample rows are what many agencies start from: some files keep one.
        if rng.random() < 0.2:
            sample = samples.sample_rows("report")[rng.randrange(6)]
            keep = rng.randrange(len(rows))
            rows[keep] = {**sample, "seq": rows[keep]["seq"]}
        defects = 0
        if rng.random() < 0.3:
            for _ in range(rng.choice([1, 1, 2])):
                rows[rng.randrange(len(rows))][rng.choice(["output", "outcome", "responsible", "period"])] = None
            planted["empty-cell"] += 1
            defects += 1
        if rng.random() < 0.2:
            rows[rng.randrange(len(rows))][rng.choice(["output", "outcome"])] = rng.choice(PLACEHOLDERS)
            planted["placeholder-text"] += 1
            defects += 1
        if rng.random() < 0.2:
            rows[rng.randrange(len(rows))]["responsible"] = rng.choice(MISSPELT_OFFICES)
            planted["responsible-unknown"] += 1
            defects += 1
        if previous_rows is not None and rng.random() < 0.1:
            # A paragraph copied word for word from the previous agency's file.
            source = rng.choice([r for r in previous_rows if r.get("outcome") and len(r["outcome"]) > 40]
                                or previous_rows)
            target = rows[rng.randrange(len(rows))]
            target["outcome"] = source.get("outcome") or target["outcome"]
            target["steps"] = source.get("steps") or target["steps"]
            planted["copied-from-other-file"] += 1
            defects += 1
        meta = {**samples.SAMPLE_META, "agency": agency.name, "agency_type": agency.type,
                "district": agency.district, "province": agency.province,
                "round": rng.choice([6, 12]), "prepared_by": "นางสาวสมใจ ตั้งใจงาน"}
        if rng.random() < 0.1:
            meta = None  # the metadata sheet left empty: the title rows still name the agency
            planted["metadata-empty"] += 1
        planted["clean-files"] += defects == 0
        workbook = template.fill(meta=meta, report=rows)
        workbook[template.REPORT_SHEET]["A2"] = subtitle(agency)
        path = folder / f"{index + 1:04d}-{agency.place}.xlsx"
        template.save_workbook(workbook, path)
        paths.append(path)
        rows_total += len(rows)
        previous_rows = rows
    return {"files": len(paths), "rows": rows_total, "planted": planted, "paths": paths}


# ------------------------------------------------------------------ big tables


def write_big(path: Path, rows: int, seed: int = 100_000) -> Path:
    """One results report of `rows` data rows, written in write_only mode (title rows,
    header in row 4, a metadata sheet), every row a fresh combination of the pools."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    agency = Agency(rng, 7)
    workbook = Workbook(write_only=True)
    meta = workbook.create_sheet(template.META_SHEET)
    meta.append([template.META_SHEET])
    meta.append([])
    values = {"agency": agency.name, "agency_type": agency.type, "district": agency.district,
              "province": agency.province, "fiscal_year": 2568, "round": template.ROUNDS[1],
              "prepared_by": "นางสาวสมใจ ตั้งใจงาน", "prepared_on": "๑๕ ตุลาคม ๒๕๖๘"}
    for key, label in template.META_FIELDS:
        meta.append([label, values[key]])
    sheet = workbook.create_sheet(template.REPORT_SHEET)
    sheet.append([template.REPORT_TITLE])
    sheet.append([subtitle(agency)])
    sheet.append([])
    sheet.append([header for _, header in template.REPORT_COLUMNS])
    keys = [key for key, _ in template.REPORT_COLUMNS]
    measure = measure_title(rng)
    for i in range(rows):
        row = report_row(rng, agency, i + 1)
        # Real long tables list several activities under one measure: keep a measure for
        # a few rows now and then (its continuation rows are not duplicates).
        if rng.random() < 0.3:
            row["measure"] = measure
        measure = row["measure"]
        if rng.random() < 0.01:
            row[rng.choice(["output", "outcome", "responsible"])] = None
        if rng.random() < 0.005:
            row["responsible"] = rng.choice(MISSPELT_OFFICES)
        sheet.append([row.get(key) for key in keys])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def generate(folder: Path, files: int, sizes: list[int], seed: int, many: int = 0) -> dict:
    """Everything a benchmark run needs, in `folder`: the batch, one file, the big files,
    and (`many` > 0) a larger batch of the same make, whose first files are the batch's."""
    batch = write_batch(folder / "batch", files, seed=seed)
    one = write_batch(folder / "one", 1, seed=seed + 1)["paths"][0]
    bigs = {rows: write_big(folder / f"big-{rows}.xlsx", rows) for rows in sizes}
    result = {
        "batch": _described(folder / "batch", batch),
        "one": {"path": str(one), "kilobytes": round(one.stat().st_size / 1e3)},
        "bigs": {str(rows): {"path": str(path), "megabytes": round(path.stat().st_size / 1e6, 2)}
                 for rows, path in bigs.items()},
    }
    if many:
        result["many"] = _described(folder / "many", write_batch(folder / "many", many, seed=seed))
    return result


def _described(folder: Path, batch: dict) -> dict:
    return {"folder": str(folder), "files": batch["files"], "rows": batch["rows"],
            "megabytes": round(sum(p.stat().st_size for p in batch["paths"]) / 1e6, 2), "planted": batch["planted"]}


if __name__ == "__main__":
    # python benchmarks/workbooks.py OUT_DIR FILES ROWS[,ROWS...] [SEED [MANY]]: generate, print JSON
    # (benchmarks/run.py runs this in a child process, so that the measuring process stays
    # small: a child's ru_maxrss never reads below its parent's size at the fork).
    # python benchmarks/workbooks.py: print three sample rows.
    import json

    if len(sys.argv) >= 4:
        result = generate(Path(sys.argv[1]), int(sys.argv[2]), [int(x) for x in sys.argv[3].split(",")],
                          int(sys.argv[4]) if len(sys.argv) > 4 else 2568, int(sys.argv[5]) if len(sys.argv) > 5 else 0)
        print(json.dumps(result, ensure_ascii=False))
    else:
        r = random.Random(1)
        a = Agency(r, 3)
        for i in range(3):
            for key, value in report_row(r, a, i + 1).items():
                print(f"{key:12} {value}")
            print()
