//! The arguments every workspace command shares: `-w DIR`, `--period P` and `--no-cache`.

use std::path::PathBuf;

use crate::Error;
use crate::config::{Caching, Config};
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
    /// 不用 out/.cache/ 中的读取缓存，重新读取每个报送文件
    #[arg(long = "no-cache")]
    pub no_cache: bool,
}

impl WorkspaceArgs {
    /// Reads `zwgk.toml` and settles the period.
    ///
    /// # Errors
    /// [`Error::Config`] for the settings file, [`Error::Usage`] for a period that is no period.
    pub(super) fn load(&self) -> Result<(Config, Period), Error> {
        let mut config = Config::load(&self.dir)?;
        if self.no_cache {
            config.caching = Caching::Off;
        }
        let period = match &self.period {
            Some(p) => Period::parse(p)?,
            None => Period::previous_month(chrono::Local::now().date_naive()),
        };
        Ok((config, period))
    }
}
