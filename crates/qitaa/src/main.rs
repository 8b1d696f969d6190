use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use qitaa::boot::Database;
use qitaa::settings::Settings;

/// Qitaa: the car-parts and car-services marketplace.
#[derive(Parser)]
#[command(name = "qitaa", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the API, web surfaces and workers (the default command).
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Where the embedded PostgreSQL and generated secrets live.
        #[arg(long, default_value = "./data")]
        data_dir: PathBuf,
    },
    /// Run only the job worker (notifications, broadcasts), no HTTP.
    Worker {
        #[arg(long, default_value = "./data")]
        data_dir: PathBuf,
    },
    /// Apply the database migrations.
    Migrate {
        #[arg(long, default_value = "./data")]
        data_dir: PathBuf,
    },
    /// Load data into the database.
    Seed {
        /// The demo users (and, as features land, their stores and products).
        #[arg(long)]
        demo: bool,
        /// A large generated catalog for load tests: N products over N/100
        /// stores (see `qitaa::scale`). Refuses to run twice on one database.
        #[arg(long, value_name = "N")]
        scale: Option<u64>,
        #[arg(long, default_value = "./data")]
        data_dir: PathBuf,
    },
    /// Administration commands.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Make the user of a phone a super admin (creating the user if needed).
    CreateSuperAdmin {
        #[arg(long)]
        phone: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, default_value = "./data")]
        data_dir: PathBuf,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve {
        addr: "127.0.0.1:8080".parse().expect("valid default address"),
        data_dir: PathBuf::from("./data"),
    }) {
        Command::Serve { addr, data_dir } => qitaa::boot::serve(addr, &data_dir).await,
        Command::Worker { data_dir } => qitaa::boot::work(&data_dir).await,
        Command::Migrate { data_dir } => with_database(&data_dir, |_| async { Ok(()) }).await,
        Command::Seed {
            demo,
            scale,
            data_dir,
        } => {
            let files = data_dir.clone();
            with_database(&data_dir, |pool| async move {
                app::seed::reference(&pool).await?;
                if demo {
                    app::seed::demo(&pool).await?;
                    let settings = Settings::from_env()?;
                    let state = qitaa::boot::state(
                        pool.clone(),
                        app::config::AppConfig::default(),
                        // Seeding signs no tokens; the key only has to exist.
                        uuid::Uuid::new_v4().as_bytes(),
                        qitaa::boot::sms_sender(&settings, &pool)?,
                        qitaa::boot::storage(&settings, &files)?,
                    );
                    app::seed::demo_services(&state).await?;
                    app::content::seed::demo_faqs(&pool).await?;
                    app::content::seed::demo_banners(&state).await?;
                    println!("Demo data is in place.");
                }
                if let Some(n) = scale {
                    qitaa::scale::run(&pool, n).await?;
                }
                if !demo && scale.is_none() {
                    println!("Nothing to seed: pass --demo or --scale N.");
                }
                Ok(())
            })
            .await
        }
        Command::Admin {
            command:
                AdminCommand::CreateSuperAdmin {
                    phone,
                    name,
                    data_dir,
                },
        } => {
            with_database(&data_dir, |pool| async move {
                let Some(phone) = kernel::phone::Phone::parse(&phone) else {
                    anyhow::bail!("{phone:?} is not a valid mobile number");
                };
                let id =
                    app::admin::service::ensure_super_admin(&pool, &phone, name.as_deref()).await?;
                println!("{phone} is a super admin (user {id}).");
                Ok(())
            })
            .await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(embedded_pg::StartError::NoBinaries) =
                e.downcast_ref::<embedded_pg::StartError>()
            {
                eprintln!("{}", embedded_pg::StartError::NoBinaries);
            } else {
                eprintln!("error: {e:#}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Opens (and migrates) the configured or embedded database, runs `f`, and
/// stops the embedded cluster again.
async fn with_database<F, Fut>(data_dir: &Path, f: F) -> anyhow::Result<()>
where
    F: FnOnce(sqlx::PgPool) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let settings = Settings::from_env()?;
    qitaa::telemetry::init_logging(settings.log_json);
    let db = Database::open(&settings, data_dir).await?;
    let result = f(db.pool.clone()).await;
    db.close().await?;
    result
}
