//! Which pilot domain (领域) a catalogue is about. DESIGN.md's order: a row's 领域 cell,
//! else the sheet's title or name, else the file name, else the nearest folder that names
//! one. A text that names two domains is no signal; signals that name different domains
//! are reported, and the stronger one wins — except a file's or folder's name against a
//! sheet's own title or name where the file holds several catalogues: one name cannot
//! speak for each of them (应急管理局's 安全生产 workbook with a sheet for 救灾). A unit's
//! name is not a domain's (教育局 names no 义务教育). Where a text meant to name a
//! domain names none of the 26, [`Unnamed`] says so, quoting it, for M010.

use crate::coverage::{domains, names};
use crate::normalise::text::simplified;

/// What ends a unit's name (教育局, 扶贫办, 公共资源交易中心, 城管执法大队): a domain's
/// name right before one of them is part of the unit's name.
const UNIT_ENDINGS: [&str; 12] = [
    "局", "办", "委", "厅", "中心", "站", "所", "院", "大队", "支队", "中队", "分局",
];

/// Words that begin as a unit's name ends but are none (户籍管理办事指南, 所属事项).
const NOT_ENDINGS: [&str; 6] = ["办理", "办事", "办法", "委托", "所属", "所需"];

/// Words before 领域 that speak of domains in general (试点领域, 重点领域, 各领域), not
/// of one of them.
const GENERAL: [&str; 9] = [
    "试点", "重点", "各", "相关", "有关", "其他", "个", "所属", "本",
];

/// What a text says about domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Named {
    One(&'static str),
    Several,
    None,
}

/// The domains `text` names: its key is a domain (`(五)社会救助领域`, `社会求助`), or the
/// canonical name or another spelling of exactly one domain stands inside it (a title,
/// a file name) — not as the start of a unit's name, and not as one of
/// [`domains::WHOLE_ONLY`].
pub(super) fn named_in(text: &str) -> Named {
    if let Some(d) = domains::by_key(&names::key(text)) {
        return Named::One(d.name);
    }
    let text = simplified(text);
    let found: Vec<&'static str> = domains::DOMAINS
        .iter()
        .filter(|d| {
            (d.spellings())
                .filter(|n| !domains::WHOLE_ONLY.contains(n))
                .any(|n| stands_in(&text, n))
        })
        .map(|d| d.name)
        .collect();
    match found[..] {
        [] => Named::None,
        [one] => Named::One(one),
        _ => Named::Several,
    }
}

/// Whether `name` is somewhere in `text` other than at the start of a unit's name
/// (教育 in 教育局, 扶贫 in 扶贫办).
fn stands_in(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let after = &text[i + name.len()..];
        !UNIT_ENDINGS.iter().any(|e| after.starts_with(e))
            || NOT_ENDINGS.iter().any(|w| after.starts_with(w))
    })
}

/// A text meant to name a domain that names none of the 26, or several: what M010
/// quotes, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unnamed {
    /// `领域列「城市管理」不是 26 个试点领域之一`, or the same of a title or a sheet's name.
    pub(crate) said: String,
    /// The closest domain, where one is close, or how to name one of several.
    pub(crate) suggestion: Option<String>,
}

impl Unnamed {
    /// What a row's 领域 cell `cell`, which names no single domain, says.
    pub(crate) fn cell(cell: &str) -> Self {
        if named_in(cell) == Named::Several {
            return Self::several("领域列", cell, "每个事项只写一个领域");
        }
        Self::unknown(format!("领域列「{cell}」"), &names::key(cell))
    }

    /// What `text`, the `source` (标题, 工作表名, 文件名, 文件夹) of a sheet none of
    /// whose signals names a domain, says where it looks meant to name one: it names
    /// several, or it says 领域 after words that are not a general 试点 or 各.
    fn of(source: &str, text: &str) -> Option<Self> {
        if named_in(text) == Named::Several {
            let what = "每个工作表只放一个领域的事项，或加“领域”列逐行写明";
            return Some(Self::several(source, text, what));
        }
        let before = (text.match_indices("领域"))
            .map(|(i, _)| names::strip_ordinals(text[..i].trim()))
            .find(|b| !b.is_empty() && !GENERAL.iter().any(|g| b.ends_with(g)))?;
        Some(Self::unknown(
            format!("{source}「{text}」所写的领域"),
            before,
        ))
    }

    fn several(source: &str, text: &str, what: &str) -> Self {
        Self {
            said: format!("{source}「{text}」写了不止一个试点领域"),
            suggestion: Some(what.to_string()),
        }
    }

    /// `what` is not one of the 26 domains; `phrase` ends where its domain's name would.
    fn unknown(what: String, phrase: &str) -> Self {
        Self {
            said: format!("{what}不是 26 个试点领域之一"),
            suggestion: domains::closest_at_end(phrase).map(|d| format!("最接近的试点领域：{d}")),
        }
    }
}

/// The domain a sheet's own words give its rows, and how its signals disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SheetDomain {
    pub(crate) domain: Option<&'static str>,
    /// Where the domain was read: 标题, 工作表名, 文件名 or 文件夹.
    pub(crate) source: &'static str,
    /// `标题为就业领域，文件名为社会保险领域` when another signal names a different domain
    /// (by its canonical name: a title or a file name says more than the domain).
    pub(crate) conflict: Option<String>,
    /// Where no signal names a domain: the first that was meant to, and what it says.
    pub(crate) unnamed: Option<Unnamed>,
}

/// The domain of a sheet titled `titles`, named `sheet`, in the file at `path`, which
/// holds other catalogue sheets when `shared`.
pub(super) fn of_sheet(titles: &[&str], sheet: &str, path: &str, shared: bool) -> SheetDomain {
    let path = std::path::Path::new(path);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folders: Vec<String> = (path.parent().into_iter())
        .flat_map(|p| p.iter().rev())
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let folder = (folders.iter())
        .map(|f| named_in(f))
        .find(|n| *n != Named::None)
        .unwrap_or(Named::None);
    let title = titles.join(" ");
    let signals = [
        (named_in(&title), "标题"),
        (named_in(sheet), "工作表名"),
        (named_in(&stem), "文件名"),
        (folder, "文件夹"),
    ];
    let ones: Vec<(&'static str, &'static str)> = signals
        .iter()
        .filter_map(|(named, source)| match named {
            Named::One(d) => Some((*d, *source)),
            _ => None,
        })
        .collect();
    let Some(&(domain, source)) = ones.first() else {
        let texts = [
            (title.as_str(), "标题"),
            (sheet, "工作表名"),
            (&stem, "文件名"),
        ];
        let folders = folders.iter().map(|f| (f.as_str(), "文件夹"));
        return SheetDomain {
            domain: None,
            source: "",
            conflict: None,
            unnamed: (texts.into_iter().chain(folders))
                .find_map(|(text, source)| Unnamed::of(source, text)),
        };
    };
    let own = |source: &str| matches!(source, "标题" | "工作表名");
    // 安全生产 (2) is the name Excel gives a copy of the sheet 安全生产: the name of what
    // was copied, which disputes nothing more said.
    let copy = copied(sheet);
    let conflict = ones
        .iter()
        .filter(|(_, where_)| !(shared && own(source) && !own(where_)))
        .filter(|(_, where_)| !(copy && *where_ == "工作表名"))
        .find(|(d, _)| *d != domain)
        .map(|(other, where_)| format!("{source}为{domain}领域，{where_}为{other}领域"));
    SheetDomain {
        domain: Some(domain),
        source,
        conflict,
        unnamed: None,
    }
}

/// Whether `sheet` is named as Excel (安全生产 (2)) or WPS (安全生产(2)) names a copy of a
/// sheet.
fn copied(sheet: &str) -> bool {
    let Some(body) = sheet.strip_suffix(')').or_else(|| sheet.strip_suffix('）')) else {
        return false;
    };
    body.rsplit_once(['(', '（']).is_some_and(|(name, n)| {
        !name.trim().is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_is_named_by_its_key_or_inside_a_title() {
        assert_eq!(named_in("(五)社会救助领域"), Named::One("社会救助"));
        assert_eq!(named_in("社会求助"), Named::One("社会救助"));
        assert_eq!(
            named_in("赤壁市义务教育领域政务公开事项标准目录"),
            Named::One("义务教育")
        );
        assert_eq!(named_in("民政局社会救助和养老服务目录"), Named::Several);
        assert_eq!(named_in("Sheet1"), Named::None);
        assert_eq!(named_in("赤壁市民政局"), Named::None);
    }

    /// 城市综合执法 as a county writes it, in a title or a sheet's name.
    #[test]
    fn a_local_name_of_a_domain_names_it_inside_a_title() {
        let title = "赤壁市城管执法领域政务公开事项标准目录";
        assert_eq!(named_in(title), Named::One("城市综合执法"));
        assert_eq!(named_in("城市管理执法"), Named::One("城市综合执法"));
        assert_eq!(named_in("综合执法"), Named::One("城市综合执法"));
        let d = of_sheet(&[title], "城管执法", "inbox/赤壁市住建局目录.xlsx", true);
        assert_eq!((d.domain, d.conflict), (Some("城市综合执法"), None));
        // 农业综合执法 is none of the 26 domains: 综合执法 names one only on its own.
        assert_eq!(named_in("赤壁市农业综合执法领域目录"), Named::None);
    }

    /// M009 said 文件名为义务教育领域 of 赤壁市教育局学校卫生目录.xlsx: it read 教育 out
    /// of the unit's name.
    #[test]
    fn a_unit_s_name_in_a_file_name_names_no_domain() {
        for stem in [
            "赤壁市教育局学校卫生目录",
            "赤壁市扶贫办政务公开事项标准目录",
            "赤壁市公共资源交易中心目录",
            "咸宁市生态环境局赤壁市分局目录",
            "赤壁市教育体育局目录",
            "城管执法大队目录",
        ] {
            assert_eq!(named_in(stem), Named::None, "{stem}");
        }
        assert_eq!(named_in("教育局义务教育标准目录"), Named::One("义务教育"));
        assert_eq!(
            named_in("公安局户籍管理办事指南目录"),
            Named::One("户籍管理")
        );
        let path = "inbox/赤壁市教育局学校卫生目录.xlsx";
        let d = of_sheet(
            &["赤壁市卫生健康领域政务公开事项标准目录"],
            "Sheet1",
            path,
            false,
        );
        assert_eq!(
            (d.domain, d.source, d.conflict),
            (Some("卫生健康"), "标题", None)
        );
        // A folder named after the unit takes no domain either; one named after it does.
        let d = of_sheet(&[], "Sheet1", "inbox/扶贫办/目录.csv", false);
        assert_eq!(d.domain, None);
        let d = of_sheet(&[], "Sheet1", "inbox/扶贫/扶贫办目录.csv", false);
        assert_eq!((d.domain, d.source), (Some("扶贫"), "文件夹"));
    }

    /// A title that says which domain it means, in words that are none of the 26, is
    /// quoted with the closest domain; a title about the pilot domains in general is not.
    #[test]
    fn a_domain_not_recognised_is_quoted_with_the_closest_one() {
        let title = "赤壁市城市管理领域政务公开事项标准目录";
        let d = of_sheet(&[title], "Sheet1", "inbox/住建局目录.xlsx", false);
        let u = d.unnamed.expect("the title is quoted");
        assert_eq!(
            u.said,
            format!("标题「{title}」所写的领域不是 26 个试点领域之一")
        );
        assert_eq!(
            u.suggestion.as_deref(),
            Some("最接近的试点领域：城市综合执法")
        );
        let d = of_sheet(&[], "城市管理领域", "inbox/住建局目录.xlsx", false);
        let said = d.unnamed.map(|u| u.said);
        assert_eq!(
            said.as_deref(),
            Some("工作表名「城市管理领域」所写的领域不是 26 个试点领域之一")
        );
        let general = ["2020年赤壁市试点领域政务公开事项标准目录"];
        let d = of_sheet(&general, "Sheet1", "inbox/住建局目录.xlsx", false);
        assert_eq!((d.domain, d.unnamed), (None, None));
        let d = of_sheet(
            &["民政局社会救助和养老服务目录"],
            "Sheet1",
            "inbox/a.xlsx",
            false,
        );
        let said = d.unnamed.map(|u| u.said);
        assert_eq!(
            said.as_deref(),
            Some("标题「民政局社会救助和养老服务目录」写了不止一个试点领域")
        );
        let u = Unnamed::cell("城市管理");
        assert_eq!(u.said, "领域列「城市管理」不是 26 个试点领域之一");
        assert_eq!(
            u.suggestion.as_deref(),
            Some("最接近的试点领域：城市综合执法")
        );
        assert_eq!(Unnamed::cell("散煤清零").suggestion, None);
    }

    #[test]
    fn the_title_wins_over_the_file_name_and_a_disagreement_is_told() {
        let d = of_sheet(
            &["赤壁市就业领域政务公开事项标准目录"],
            "Sheet1",
            "inbox/目录/人社局社会保险领域目录.xlsx",
            false,
        );
        assert_eq!(d.domain, Some("就业"));
        assert_eq!(d.source, "标题");
        assert_eq!(
            d.conflict.as_deref(),
            Some("标题为就业领域，文件名为社会保险领域")
        );
        let d = of_sheet(&[], "Sheet1", "inbox/扶贫/扶贫领域目录.csv", false);
        assert_eq!(
            (d.domain, d.source, d.conflict),
            (Some("扶贫"), "文件名", None)
        );
        let d = of_sheet(&[], "Sheet1", "inbox/扶贫领域/目录.csv", false);
        assert_eq!((d.domain, d.source), (Some("扶贫"), "文件夹"));
        assert_eq!(
            of_sheet(&[], "Sheet1", "inbox/目录.csv", false).domain,
            None
        );
    }

    /// 应急管理局 copied its 安全生产 sheet for 救灾 and titled the copy: Excel's name for
    /// the copy (安全生产 (2)) says what was copied, not what the sheet is about. Alone,
    /// it still names the domain, and a file name may still dispute it.
    #[test]
    fn a_copied_sheet_s_name_disputes_no_title() {
        let path = "inbox/应急管理局政务公开事项标准目录.xlsx";
        for sheet in ["安全生产 (2)", "安全生产(2)", "安全生产（2）"] {
            let d = of_sheet(&["赤壁市救灾领域政务公开事项标准目录"], sheet, path, true);
            assert_eq!((d.domain, d.conflict), (Some("救灾"), None), "{sheet}");
        }
        let d = of_sheet(&["救灾领域目录"], "安全生产", path, true);
        assert_eq!(
            d.conflict.as_deref(),
            Some("标题为救灾领域，工作表名为安全生产领域")
        );
        let d = of_sheet(&[], "安全生产 (2)", "inbox/救灾领域目录.xlsx", false);
        assert_eq!((d.domain, d.source), (Some("安全生产"), "工作表名"));
        assert_eq!(
            d.conflict.as_deref(),
            Some("工作表名为安全生产领域，文件名为救灾领域")
        );
        assert!(!copied("安全生产") && !copied("(2)") && !copied("目录(二)"));
    }

    #[test]
    fn a_file_of_several_catalogues_does_not_contradict_its_sheets() {
        let path = "inbox/应急管理局-安全生产领域目录.xlsx";
        let d = of_sheet(&["赤壁市救灾领域政务公开事项标准目录"], "救灾", path, true);
        assert_eq!(
            (d.domain, d.source, d.conflict),
            (Some("救灾"), "标题", None)
        );
        // The sheet's own title and name still answer for each other.
        let d = of_sheet(
            &["赤壁市救灾领域政务公开事项标准目录"],
            "安全生产",
            path,
            true,
        );
        assert_eq!(
            d.conflict.as_deref(),
            Some("标题为救灾领域，工作表名为安全生产领域")
        );
        // A sheet naming no domain still takes the file's.
        let d = of_sheet(&[], "Sheet2", path, true);
        assert_eq!((d.domain, d.source), (Some("安全生产"), "文件名"));
    }
}
