//! The arguments every workspace command shares: `-w DIR` and `--period P`.

use std::path::PathBuf;

use crate::Error;
use crate::config::Config;
use crate::model::Period;

#[derive(Debug, Clone, clap::Args)]
pub(super) struct WorkspaceArgs {
    /// 工作目录（其中有 zwgk.toml），默认为当前目录
    #[arg(
        short = 'w',
        long = "workspace",
        value_name = "目录",
        default_value = ".",
        hide_default_value = true
    )]
    pub dir: PathBuf,
    /// 统计期：2018-04（月）、2018Q2（季度）或 2018（全年）；默认为上一个自然月
    #[arg(long, value_name = "期")]
    pub period: Option<String>,
}

impl WorkspaceArgs {
    /// Reads `zwgk.toml` and settles the period.
    ///
    /// # Errors
    /// [`Error::Config`] for the settings file, [`Error::Usage`] for a period that is no period.
    pub(super) fn load(&self) -> Result<(Config, Period), Error> {
        let config = Config::load(&self.dir)?;
        let period = match &self.period {
            Some(p) => Period::parse(p)?,
            None => Period::previous_month(chrono::Local::now().date_naive()),
        };
        Ok((config, period))
    }
}
