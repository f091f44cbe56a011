use std::path::PathBuf;
use testpress_stand_in::{bind, Config};

const USAGE: &str = "testpress-stand-in: a stand-in Testpress API v2.2 with demo users

Options:
  --host HOST           address to listen on (default 127.0.0.1)
  --port PORT           port; 0 picks a free one (default 8000)
  --db PATH             SQLite file, or :memory: (default stand-in.sqlite3)
  --token-ttl SECS      lifetime of issued tokens (default 604800, a week)
  --cors-origin ORIGIN  allow this origin cross-origin; repeatable; * for any
  --app-dir DIR         also serve a built app from DIR (SPA fallback to index.html)
  --public-url URL      base of absolute URLs in responses (default: the request's host)
  --faults              enable fault injection and the /__test__/ control endpoints";

fn parse_args() -> Result<Config, String> {
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--host" => config.host = value("--host")?,
            "--port" => config.port = value("--port")?.parse().map_err(|_| "--port needs a number")?,
            "--db" => config.db_path = value("--db")?,
            "--token-ttl" => {
                config.token_ttl_secs = value("--token-ttl")?.parse().map_err(|_| "--token-ttl needs seconds")?
            }
            "--cors-origin" => config.cors_origins.push(value("--cors-origin")?),
            "--app-dir" => config.app_dir = Some(PathBuf::from(value("--app-dir")?)),
            "--public-url" => config.public_url = Some(value("--public-url")?),
            "--faults" => config.faults = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(config)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {}
        _ = term.recv() => {}
    }
}

#[tokio::main]
async fn main() {
    let config = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let db = config.db_path.clone();
    let (addr, serve) = match bind(config, shutdown_signal()).await {
        Ok(ok) => ok,
        Err(e) => {
            eprintln!("stand-in: cannot start: {e}");
            std::process::exit(1);
        }
    };
    // Test harnesses read the first line to learn the port.
    println!("Testpress stand-in API listening on http://{addr}");
    println!("Database: {db}");
    println!("Demo sign-in: testpress / {} (also Vinoth, priya, arjun, meera)", testpress_stand_in::db::DEMO_PASSWORD);
    if let Err(e) = serve.await {
        eprintln!("stand-in: {e}");
        std::process::exit(1);
    }
}
