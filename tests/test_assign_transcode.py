"""A CRM extract in GB18030 or another encoding, transcoded to UTF-8: in one piece, or in parts side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.assign import extract
from playbook.assign.extract import ExtractError, transcode

LINES = [f"CRM-{index:05d},客户{index}号 有限公司,华东,制造,,张三{index % 7},1,200万\r\n" for index in range(3000)]
TEXT = "crm_id,name,region,industry,domain,owner,revenue\r\n" + "".join(LINES)


@pytest.fixture(params=[False, True], ids=["whole", "in parts"])
def in_parts(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    if request.param:
        monkeypatch.setattr(extract, "SPLIT_FROM_BYTES", 1024)
        monkeypatch.setattr(extract.os, "cpu_count", lambda: 4)
    return bool(request.param)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "big5"])
def test_the_copy_is_the_text_in_utf8(tmp_path: Path, in_parts: bool, encoding: str) -> None:
    text = TEXT if encoding != "big5" else TEXT.translate(str.maketrans("户号华东制张", "戶號華東製張"))
    source, target = tmp_path / "crm.csv", tmp_path / "crm-utf8.csv"
    source.write_bytes(text.encode(encoding))
    if in_parts:
        cuts = extract._cuts(source, source.stat().st_size, 4)
        assert len(cuts) == 5 and all(source.read_bytes()[cut - 1 : cut] == b"\n" for cut in cuts[1:-1])
    transcode(source, target, encoding)
    assert target.read_bytes() == text.encode("utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["crm-utf8.csv", "crm.csv"]  # no part left


@pytest.mark.parametrize("line", [2, 1500, 2999])
def test_a_byte_not_in_the_encoding_names_its_line(tmp_path: Path, in_parts: bool, line: int) -> None:
    raw = bytearray(TEXT.encode("gb18030"))
    lines = raw.split(b"\n")
    lines[line - 1] = lines[line - 1][:5] + b"\xff" + lines[line - 1][5:]  # 0xff is no GB18030 lead byte
    source, target = tmp_path / "crm.csv", tmp_path / "crm-utf8.csv"
    source.write_bytes(b"\n".join(lines))
    with pytest.raises(ExtractError, match=f"line {line} is not gb18030"):
        transcode(source, target, "gb18030")
    assert not [path for path in tmp_path.iterdir() if path.name.startswith("crm-utf8.csv.")]


def test_an_encoding_whose_characters_can_hold_a_newline_byte_is_not_cut(tmp_path: Path, in_parts: bool) -> None:
    source, target = tmp_path / "crm.csv", tmp_path / "crm-utf8.csv"
    source.write_bytes(TEXT.encode("utf-16-le"))  # 'ਊ' is 0x0A 0x0A: a cut there would break it
    transcode(source, target, "utf-16-le")
    assert target.read_bytes() == TEXT.encode("utf-8")
