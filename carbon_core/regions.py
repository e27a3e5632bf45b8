"""China's provincial-level regions and one resolver for every way users write them.

Tables, satellites and grid factors name regions differently (``广东``, ``广东省``, ``guangdong``,
``Guangdong``, ``内蒙古自治区``, ``Inner Mongolia``, ``neimenggu``). Every entry point turns what the
user wrote into a :class:`Region` here, so that a name that opens an IO table also finds its CEADs
inventory and its grid factor. The list is GB/T 2260's 31 provincial-level divisions of the
mainland plus the nation; keys are the pinyin used by the data packages.

Nothing here imports numpy or pandas.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .errors import InputError


class UnknownRegionError(InputError):
    """A region name that matches no provincial-level region (the message suggests the closest)."""

    code = "unknown-region"


@dataclass(frozen=True)
class Region:
    """A provincial-level region (or the nation).

    Attributes
    ----------
    key : str
        Pinyin key used by the data packages (``guangdong``, ``neimenggu``, ``china``).
    name_zh : str
        Short Chinese name (``广东``, ``内蒙古``).
    full_zh : str
        Official Chinese name (``广东省``, ``内蒙古自治区``).
    name_en : str
        English name (``Guangdong``, ``Inner Mongolia``).
    """

    key: str
    name_zh: str
    full_zh: str
    name_en: str
    aliases: tuple = ()

    @property
    def label(self) -> str:
        """``广东 Guangdong``: how results name the region."""
        return f"{self.name_zh} {self.name_en}"


REGIONS: tuple[Region, ...] = (
    Region("china", "中国", "中华人民共和国", "China", ("全国", "national", "nation", "prc", "chinanational")),
    Region("beijing", "北京", "北京市", "Beijing", ("peking",)),
    Region("tianjin", "天津", "天津市", "Tianjin"),
    Region("hebei", "河北", "河北省", "Hebei"),
    Region("shanxi", "山西", "山西省", "Shanxi"),
    Region("neimenggu", "内蒙古", "内蒙古自治区", "Inner Mongolia", ("neimongol", "neimenggu", "nmg")),
    Region("liaoning", "辽宁", "辽宁省", "Liaoning"),
    Region("jilin", "吉林", "吉林省", "Jilin"),
    Region("heilongjiang", "黑龙江", "黑龙江省", "Heilongjiang"),
    Region("shanghai", "上海", "上海市", "Shanghai"),
    Region("jiangsu", "江苏", "江苏省", "Jiangsu"),
    Region("zhejiang", "浙江", "浙江省", "Zhejiang"),
    Region("anhui", "安徽", "安徽省", "Anhui"),
    Region("fujian", "福建", "福建省", "Fujian"),
    Region("jiangxi", "江西", "江西省", "Jiangxi"),
    Region("shandong", "山东", "山东省", "Shandong"),
    Region("henan", "河南", "河南省", "Henan"),
    Region("hubei", "湖北", "湖北省", "Hubei"),
    Region("hunan", "湖南", "湖南省", "Hunan"),
    Region("guangdong", "广东", "广东省", "Guangdong", ("canton",)),
    Region("guangxi", "广西", "广西壮族自治区", "Guangxi", ("guangxizhuang",)),
    Region("hainan", "海南", "海南省", "Hainan"),
    Region("chongqing", "重庆", "重庆市", "Chongqing"),
    Region("sichuan", "四川", "四川省", "Sichuan"),
    Region("guizhou", "贵州", "贵州省", "Guizhou"),
    Region("yunnan", "云南", "云南省", "Yunnan"),
    Region("xizang", "西藏", "西藏自治区", "Tibet (Xizang)", ("tibet", "xizang")),
    Region("shaanxi", "陕西", "陕西省", "Shaanxi"),
    Region("gansu", "甘肃", "甘肃省", "Gansu"),
    Region("qinghai", "青海", "青海省", "Qinghai"),
    Region("ningxia", "宁夏", "宁夏回族自治区", "Ningxia", ("ningxiahui",)),
    Region("xinjiang", "新疆", "新疆维吾尔自治区", "Xinjiang", ("xinjianguygur", "xinjianguyghur", "xinjianguighur")),
)

# Suffixes users add: Chinese administrative words, then English ones (matched after lower-casing).
_ZH_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
_EN_WORDS = re.compile(r"(autonomousregion|specialadministrativeregion|province|municipality|region|"
                       r"sheng|shi|zizhiqu|national)$")


def _fold(text: str) -> str:
    """Lower case without spaces, hyphens, dots, apostrophes or brackets."""
    return re.sub(r"[\s\-_.'’()（）]+", "", str(text)).lower()


def _strip_suffix(text: str) -> str:
    for suffix in _ZH_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    stripped = _EN_WORDS.sub("", text)
    return stripped if len(stripped) >= 2 else text


def _index() -> dict[str, Region]:
    names: dict[str, Region] = {}
    for r in REGIONS:
        for name in (r.key, r.name_zh, r.full_zh, r.name_en, r.name_en.split("(")[0], *r.aliases):
            names[_fold(name)] = r
    return names


_NAMES = _index()


def find_region(name) -> Region | None:
    """The region a name means, or None. Accepts keys, Chinese names with or without 省/市/自治区,
    pinyin and English names in any case (``广东省``, ``GuangDong``, ``Inner Mongolia``, ``neimenggu``)."""
    if name is None:
        return None
    folded = _fold(name)
    if not folded:
        return None
    return _NAMES.get(folded) or _NAMES.get(_strip_suffix(folded))


def resolve_region(name, *, what: str = "region") -> Region:
    """The region a name means; an :class:`UnknownRegionError` with the closest names otherwise."""
    region = find_region(name)
    if region is not None:
        return region
    text = str(name).strip() if name is not None else ""
    if not text:
        raise UnknownRegionError(f"the {what} is empty; name a province, e.g. 广东, guangdong or Guangdong.", code="unknown-region")
    close = difflib.get_close_matches(_strip_suffix(_fold(text)), list(_NAMES), n=3, cutoff=0.6)
    seen = list(dict.fromkeys(_NAMES[c] for c in close))
    hint = (" Did you mean " + " or ".join(f"{r.name_zh} ({r.key})" for r in seen) + "?") if seen else ""
    raise UnknownRegionError(f"unknown {what} '{text}'.{hint} Write a province by its Chinese name (广东, 广东省), "
                             "pinyin (guangdong) or English name (Guangdong); china for the nation.")


def region_key(name) -> str | None:
    """The package key of a region name (``广东省`` → ``guangdong``), or None when unknown."""
    region = find_region(name)
    return region.key if region else None
