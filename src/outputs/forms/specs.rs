//! The blank forms besides the item list, declared as data in one place: each form's
//! title, the lines above its table, its columns (label, width, what they hold, the
//! choices offered), the rows it fills in beforehand and its 填表说明. Placeholders:
//! `{workspace}`, `{unit}`, `{domain}`, `{year}`.

use crate::write::Entry;

/// One column of a form's table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Column {
    pub(crate) label: &'static str,
    /// Width in characters.
    pub(crate) width: f64,
    pub(crate) entry: Entry,
    /// The values its dropdown offers; none for free text.
    pub(crate) choices: &'static [&'static str],
}

const fn text(label: &'static str, width: f64) -> Column {
    Column {
        label,
        width,
        entry: Entry::Text,
        choices: &[],
    }
}

const fn choice(label: &'static str, width: f64, choices: &'static [&'static str]) -> Column {
    Column {
        label,
        width,
        entry: Entry::Text,
        choices,
    }
}

/// A cell of a line above the table: a label, or a blank to fill in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LineCell {
    Label(&'static str),
    Blank(Entry),
}

/// A form: what `zwgk template --form` writes for a unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Form {
    /// The name on the command line.
    pub(crate) key: &'static str,
    /// The form's name, which ends each file name: `民政局-目录编制表.xlsx`.
    pub(crate) name: &'static str,
    pub(crate) title: &'static str,
    /// Lines above the table; a line of one label is written across the table, without
    /// borders, and others cell by cell, bordered, as a form's boxes.
    pub(crate) lines: &'static [&'static [LineCell]],
    pub(crate) columns: &'static [Column],
    /// Values written beforehand in the first column, one row each (the roles).
    pub(crate) filled: &'static [&'static str],
    /// Blank rows after those.
    pub(crate) blank_rows: u32,
    /// The 填表说明 lines.
    pub(crate) instructions: &'static [&'static str],
}

/// 公开方式 and 公开对象 as a catalogue's dropdowns offer them.
pub(crate) const MANNERS: &[&str] = &["主动", "依申请", "主动、依申请"];
pub(crate) const AUDIENCES: &[&str] = &["全社会", "特定对象", "全社会、特定对象"];

/// 目录编制表 (seed 002): one sheet per domain the unit answers for, its 8 elements.
pub(crate) const CATALOGUE: Form = Form {
    key: "catalogue",
    name: "目录编制表",
    title: "{workspace}{domain}领域政务公开事项标准目录",
    lines: &[&[LineCell::Label("填报单位：{unit}")]],
    columns: &[
        Column {
            label: "序号",
            width: 6.0,
            entry: Entry::Number,
            choices: &[],
        },
        text("一级事项", 14.0),
        text("二级事项", 16.0),
        text("公开内容（要素）", 30.0),
        text("公开依据", 28.0),
        text("公开时限", 20.0),
        text("公开主体", 14.0),
        choice("公开方式", 10.0, MANNERS),
        text("公开渠道和载体", 18.0),
        choice("公开对象", 10.0, AUDIENCES),
        text("备注", 12.0),
    ],
    filled: &[],
    blank_rows: 50,
    instructions: &[
        "1. 本表由{unit}填报：{unit}负责的每个试点领域一个工作表，每个公开事项填写一行。请勿改动工作表名、标题、“填报单位”一行和表头，不要增删列。",
        "2. 一级事项、二级事项：按国务院部门制定的该领域标准指引填写；没有二级事项的，只填一级事项。同一个一级事项下有多个二级事项的，每行都写上一级事项（或合并单元格）。",
        "3. 公开内容（要素）：写明应公开的具体内容，如“招生范围、招生条件、招生计划”。",
        "4. 公开依据：写明法律、法规、规章或规范性文件的名称和条款，如“《中华人民共和国义务教育法》第十二条”。",
        "5. 公开时限：写作“信息形成或变更之日起20个工作日内”“5个工作日内”“实时”或“长期”，不要写“及时”“按规定”。",
        "6. 公开主体：写负责公开的单位名称，如“{unit}”；几个单位共同公开的，用顿号隔开。",
        "7. 公开方式：从下拉列表选择 主动 或 依申请（两者都有的选“主动、依申请”）。",
        "8. 公开渠道和载体：如“政府网站、政务新媒体、公开栏”。",
        "9. 公开对象：从下拉列表选择 全社会 或 特定对象。",
        "10. 填完后请将文件另存为“{unit}-标准目录.xlsx”报送。",
    ],
};

/// The domain column a catalogue form has when the workspace assigns the unit no domain.
pub(crate) const DOMAIN_COLUMN: Column = text("领域", 14.0);

/// 联系人登记表 (seed 001 Annex 3): the unit, its phone and office, then a row per person.
pub(crate) const CONTACTS: Form = Form {
    key: "contacts",
    name: "联系人登记表",
    title: "{workspace}政务公开工作联系人员登记表",
    lines: &[
        &[
            LineCell::Label("填报单位：{unit}"),
            LineCell::Blank(Entry::Text),
            LineCell::Blank(Entry::Text),
            LineCell::Label("填报时间："),
            LineCell::Blank(Entry::Date),
            LineCell::Blank(Entry::Text),
        ],
        &[
            LineCell::Label("单位电话："),
            LineCell::Blank(Entry::Text),
            LineCell::Blank(Entry::Text),
            LineCell::Label("承办科室："),
            LineCell::Blank(Entry::Text),
            LineCell::Blank(Entry::Text),
        ],
    ],
    columns: &[
        text("联系人", 14.0),
        text("姓名", 10.0),
        text("职务", 14.0),
        text("办公电话", 18.0),
        text("手机", 16.0),
        text("QQ", 14.0),
    ],
    filled: &["分管领导", "信息工作人员", "信息工作人员"],
    blank_rows: 3,
    instructions: &[
        "1. 本表由{unit}填报，请填写分管领导和信息工作人员（联络人），盖章后报送。请勿改动表名、“填报单位”一行和表头。",
        "2. 填报时间：填写本表的填写日期，如 {year}-04-18。同一单位报送多份时，以填报时间最新的一份为准。",
        "3. 单位电话、办公电话：带区号，如 0825-7812306；有分机的写在“转”字后，如 0825-7812306转8012。",
        "4. 手机：11 位数字，如 13800000000；QQ：数字。",
        "5. 信息工作人员不止一名的，在下方空行继续填写，“联系人”一列写“信息工作人员”。",
        "6. 填完后请将文件另存为“{unit}-联系人登记表.xlsx”报送。",
    ],
};
