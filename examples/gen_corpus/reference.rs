//! The office's own files: zwgk.toml, units.xlsx (单位名称 | 别名 | 类别), targets.xlsx
//! (附件1 with 单位 | 目标任务数量(条) and a 合计 row) and sections.csv (the website
//! sections each group of units keeps updated).

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as Style, FormatBorder, Workbook};

use crate::files::Res;
use crate::inbox::Period;
use crate::titles::SECTIONS;
use crate::units::Area;

/// Writes zwgk.toml and reference/; `targets[i]` is the annual target of unit i.
///
/// # Errors
/// I/O and xlsx writer errors.
pub fn write(root: &Path, area: &Area, targets: &[u32], period: Period) -> Res<()> {
    std::fs::create_dir_all(root.join("reference"))?;
    let config = format!(
        "# 合成的政务公开工作目录（examples/gen_corpus.rs 生成），用于性能测试\n\
         # 运行：zwgk run -w <本目录> --period {}\n\n\
         [workspace]\nname = \"{}\"\nyear = {}\n\n\
         [reference]\nunits = \"reference/units.xlsx\"\ntargets = \"reference/targets.xlsx\"\n\
         sections = \"reference/sections.csv\"\n",
        period.label(),
        area.name,
        period.year
    );
    std::fs::write(root.join("zwgk.toml"), config)?;
    std::fs::write(root.join("reference/units.xlsx"), units(area, period)?)?;
    std::fs::write(
        root.join("reference/targets.xlsx"),
        targets_book(area, targets, period)?,
    )?;
    std::fs::write(root.join("reference/sections.csv"), sections())?;
    Ok(())
}

fn workbook(period: Period) -> Res<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(period.year as u16, 1, 1)?.and_hms(9, 0, 0)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(wb)
}

fn units(area: &Area, period: Period) -> Res<Vec<u8>> {
    let mut wb = workbook(period)?;
    let cell = Style::new()
        .set_font_name("宋体")
        .set_border(FormatBorder::Thin);
    let ws = wb.add_worksheet();
    ws.set_name("单位名称表")?;
    ws.set_column_width(0, 28)?.set_column_width(1, 60)?;
    for (c, label) in ["单位名称", "别名", "类别"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *label, &cell.clone().set_bold())?;
    }
    for (i, u) in area.units.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, &u.name, &cell)?;
        ws.write_string_with_format(r, 1, u.aliases.join("、"), &cell)?;
        ws.write_string_with_format(r, 2, u.category, &cell)?;
    }
    Ok(wb.save_to_buffer()?)
}

fn targets_book(area: &Area, targets: &[u32], period: Period) -> Res<Vec<u8>> {
    let mut wb = workbook(period)?;
    let font = Style::new().set_font_name("宋体");
    let cell = font.clone().set_border(FormatBorder::Thin);
    let ws = wb.add_worksheet();
    ws.set_name("目标任务")?;
    ws.set_column_width(0, 30)?.set_column_width(1, 18)?;
    ws.write_string_with_format(0, 0, "附件1", &font)?;
    let title = format!("{}年{}政府信息公开目标任务", period.year, area.name);
    ws.merge_range(2, 0, 2, 1, &title, &font.clone().set_bold())?;
    ws.write_string_with_format(3, 0, "单位", &cell)?;
    ws.write_string_with_format(3, 1, "目标任务数量(条)", &cell)?;
    let mut r = 4;
    for (u, target) in area.units.iter().zip(targets) {
        ws.write_string_with_format(r, 0, &u.name, &cell)?;
        ws.write_number_with_format(r, 1, f64::from(*target), &cell)?;
        r += 1;
    }
    let total: u32 = targets.iter().sum();
    ws.write_string_with_format(r, 0, "合计", &cell)?;
    ws.write_number_with_format(r, 1, f64::from(total), &cell)?;
    Ok(wb.save_to_buffer()?)
}

fn sections() -> String {
    let mut out = String::from("一级栏目,二级栏目,三级栏目,公开内容,保障单位,更新频率\n");
    for (l1, l2, content, units, frequency) in SECTIONS {
        out.push_str(&format!("{l1},{l2},,{content},{units},{frequency}\n"));
    }
    out
}
