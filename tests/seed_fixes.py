"""The seed reports' real copy-paste and damage defects, and the edits that correct them.

`FIXES[seed]` maps each defect (a short name) to a `seed_workbook` edit {old: new}; the
corrected workbook applies all of them. Tests check that every defect is found where it
is, and that the corrected workbooks raise no finding from these rules (the false-alarm
guard).
"""

from __future__ import annotations

from seeds import HANNANGAM, KLONGKHANAK, NAKHOK

# The rules of issue 4: text copied, damaged or naming the wrong agency.
TEXT_RULES = (
    "agency-name-mismatch", "foreign-agency", "duplicate-text", "copied-text",
    "garbled-text", "bad-url", "numbering", "column-shift", "plan-report-mismatch",
)

FIXES: dict[str, dict[str, dict[str, str]]] = {
    KLONGKHANAK: {
        # Row ๓'s output repeats item ๒ of row ๑'s output word for word.
        "output ๓ copies an item of output ๑": {
            "๓ ฉบับ ๒. ประชาสัมพันธ์คู่มือ การให้บริการให้ ประชาชนได้รับทราบ จำนวน ๒ จุด คือ ช่องทางเว็บไซต์ บอร์ด ประชาสัมพันธ์":
            "๓ ฉบับ ๒. ประชาสัมพันธ์ข้อมูลข่าวสารทางเว็บไซต์ Facebook และ line จำนวน ๓ ช่องทาง",
        },
        # Row ๔: letters spaced apart in the measure and the output.
        "measure ๔ spaced apart": {
            "ย ก ร ะ ตั บ ก ะ ร ะ บ วน ก าร ก ำ กั บ ดุ แล ก าร ใช้ ท รั พ์ ย สิ้น ข อ ง ท ำ ง ร ำ ช ก าร":
            "ยกระดับกระบวนการกำกับดูแลการใช้ทรัพย์สินของทางราชการ",
        },
        "output ๔ spaced apart": {
            "เว็ บ ซ าย ต์ บ อ ร์ ต ป รั ช ะ ส ำ พ ัน ธ์": "เว็บไซต์ บอร์ดประชาสัมพันธ์",
        },
        # Row ๒'s output items jump from ๑. to ๕.
        "output ๒ jumps to item ๕": {"๕. เผยแพร่ประมวล": "๒. เผยแพร่ประมวล"},
    },
    NAKHOK: {
        "type word misspelt": {"ของคการบริหารส่วนตำบลนาโคก": "ขององค์การบริหารส่วนตำบลนาโคก"},
        "another agency's name": {"องค์การ บริหารส่วนตำบลหลักสอง": "องค์การ บริหารส่วนตำบลนาโคก"},
        # Row ๔ (the annual plan's results) carries row ๒'s output (staff manuals).
        "output ๔ copies output ๒": {
            "๑. มีการจัดทำ/ปรับปรุงคู่มือหรือแนวทางปฏิบัติงานให้กับเจ้าหน้าที่ให้มีความทันสมัย ลดขั้นตอน สอดคล้องกับกฎหมาย และเกิดประโยชน์กับผู้มารับบริการมากยิ่งขึ้น ๒. มีการประชาสัมพันธ์ คู่มือให้เจ้าหน้าที่ทราบ":
            "๑. มีการบันทึกผลการดำเนินงานตามแผนดำเนินงานประจำปี เป็นรายไตรมาส ครบทุกส่วนราชการ ๒. มีการรายงานปัญหา อุปสรรค และข้อเสนอแนะต่อผู้บริหาร",
        },
        # The outcomes of rows ๓ and ๔ are row ๒'s with a word changed; row ๘'s is row ๗'s.
        "outcome ๓ copies outcome ๒": {
            "สามารถปรับปรุง / จัดทำคู่มือการปฏิบัติงานให้มีความทันสมัย ลดขั้นตอน สอดคล้องกับกฎหมาย และเกิดประโยชน์ กับผู้มารับบริการมากยิ่งขึ้น":
            "ประชาชนทราบขั้นตอนและมาตรฐานการให้บริการ เตรียมเอกสารได้ครบก่อนมาติดต่อราชการ",
        },
        "outcome ๔ copies outcome ๒": {
            "สามารถปรับปรุงหรือจัดทำมีการปฏิบัติงานให้มีความทันสมัย ลดขั้นตอน สอดคล้องกับกฎหมาย และเกิดประโยชน์กับผู้มารับบริการมากยิ่งขึ้น":
            "ผู้บริหารและประชาชนติดตามความก้าวหน้าของแผนดำเนินงานประจำปีได้ทุกไตรมาส",
        },
        "outcome ๘ copies outcome ๗": {
            "สามารถประเมินความเสี่ยงการทุจริตของหน่วยงานและดำเนินการแก้ไขข้อบกพร่องของความเสียหายได้ทันที":
            "มีแผนบริหารความเสี่ยงการทุจริตที่ใช้ควบคุมความเสี่ยงของหน่วยงานได้ตามแผน",
        },
    },
    HANNANGAM: {
        "another province's office": {"จังหวัดจันทบุรี": "จังหวัดหนองบัวลำภู"},
        # Row ๐๑๔ (human resources plan) carries row ๐๖'s steps (annual plan and budget).
        "steps ๐๑๔ copy steps ๐๖": {
            "<p>๑.ผู้บริหารและบุคลากรจัดประชุมเพื่อ ร่วมจัดทำแผนและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี</p> <p>๒.มอบหมายให้ผู้รับผิดชอบดำเนินการ</p> <p>๓.จัดทำแผนและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี</p>":
            "<p>๑.วิเคราะห์อัตรากำลังและความต้องการพัฒนาบุคลากร</p> <p>๒.จัดทำแผนการบริหารและพัฒนาทรัพยากรบุคคล</p> <p>๓.เสนอผู้บริหารอนุมัติแผน</p>",
        },
        # Row ๐๑๗ (complaints handling) carries row ๐๘'s steps (staff manual).
        "steps ๐๑๗ copy steps ๐๘": {
            "ประพฤติมิชอบ\t๑.ผู้บริหารและบุคลากรจัดประชุม เพื่อปรึกษาหารือ แนวทางจัดทำคู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่ ๒.มอบหมายให้ผู้รับผิดชอบดำเนินการและเพิ่มคู่มือให้ สมบูรณ์แบบ":
            "ประพฤติมิชอบ\t๑.จัดอบรมให้ความรู้เรื่องการจัดการเรื่องร้องเรียนแก่บุคลากร ๒.ทบทวนคู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        },
    },
}


def corrections(seed: str, *except_: str) -> dict[str, str]:
    """Every correction of a seed, but those named."""
    edits: dict[str, str] = {}
    for name, edit in FIXES[seed].items():
        if name not in except_:
            edits.update(edit)
    return edits
