//! Which pilot domain (领域) a catalogue is about. DESIGN.md's order: a row's 领域 cell,
//! else the sheet's title or name, else the file name, else the nearest folder that names
//! one. A text that names two domains is no signal; signals that name different domains
//! are reported, and the stronger one wins — except a file's or folder's name against a
//! sheet's own title or name where the file holds several catalogues: one name cannot
//! speak for each of them (应急管理局's 安全生产 workbook with a sheet for 救灾).

use crate::coverage::{domains, names};
use crate::normalise::text::simplified;

/// What a text says about domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Named {
    One(&'static str),
    Several,
    None,
}

/// The domains `text` names: its key is a domain (`(五)社会救助领域`, `社会求助`), or the
/// canonical name or another spelling of exactly one domain is inside it (a title, a
/// file name).
pub(super) fn named_in(text: &str) -> Named {
    if let Some(d) = domains::by_key(&names::key(text)) {
        return Named::One(d.name);
    }
    let text = simplified(text);
    let found: Vec<&'static str> = domains::DOMAINS
        .iter()
        .filter(|d| {
            std::iter::once(d.name)
                .chain(d.aliases.iter().copied())
                .any(|n| text.contains(n))
        })
        .map(|d| d.name)
        .collect();
    match found[..] {
        [] => Named::None,
        [one] => Named::One(one),
        _ => Named::Several,
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
}

/// The domain of a sheet titled `titles`, named `sheet`, in the file at `path`, which
/// holds other catalogue sheets when `shared`.
pub(super) fn of_sheet(titles: &[&str], sheet: &str, path: &str, shared: bool) -> SheetDomain {
    let path = std::path::Path::new(path);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = path
        .parent()
        .into_iter()
        .flat_map(|p| p.iter().rev())
        .map(|f| named_in(&f.to_string_lossy()))
        .find(|n| *n != Named::None)
        .unwrap_or(Named::None);
    let signals = [
        (named_in(&titles.join(" ")), "标题"),
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
        return SheetDomain {
            domain: None,
            source: "",
            conflict: None,
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
        let d = of_sheet(&[], "Sheet1", "inbox/扶贫/扶贫办目录.csv", false);
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
