//! A stand-in for the Testpress REST API v2.2: the users endpoints, JWT sign-in, photo
//! uploads, served from SQLite. The app is developed and tested against it over real HTTP.

pub mod api;
pub mod choices;
pub mod db;
pub mod error;
pub mod jwt;
pub mod middleware;
pub mod photo;
pub mod seed;
pub mod static_app;
pub mod validate;

use axum::routing::{get, post};
use axum::Router;
use rusqlite::Connection;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// A file path, or `:memory:`.
    pub db_path: String,
    pub token_ttl_secs: i64,
    /// Origins allowed to call cross-origin (`*` for any).
    pub cors_origins: Vec<String>,
    /// Mounts `/__test__/…` and honours injected faults.
    pub faults: bool,
    /// Serves a built app (e.g. trunk's `dist/`) at `/`, with the SPA fallback to index.html.
    pub app_dir: Option<PathBuf>,
    /// Base of the absolute URLs in responses; the request's Host when absent.
    pub public_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8000,
            db_path: "stand-in.sqlite3".into(),
            token_ttl_secs: 7 * 24 * 3600,
            cors_origins: Vec::new(),
            faults: false,
            app_dir: None,
            public_url: None,
        }
    }
}

impl Config {
    /// In memory, a free port, fault injection on.
    pub fn for_tests() -> Self {
        Config { port: 0, db_path: ":memory:".into(), faults: true, ..Config::default() }
    }
}

struct Inner {
    config: Config,
    db: Mutex<Connection>,
    secret: Vec<u8>,
    token_ttl: AtomicI64,
    faults: Mutex<Vec<middleware::Fault>>,
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock must not wedge the server for every later request.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(config: Config) -> rusqlite::Result<Self> {
        let conn = db::open(&config.db_path)?;
        seed::seed(&conn)?;
        let secret = db::token_secret(&conn)?;
        Ok(AppState(Arc::new(Inner {
            token_ttl: AtomicI64::new(config.token_ttl_secs),
            config,
            db: Mutex::new(conn),
            secret,
            faults: Mutex::new(Vec::new()),
        })))
    }
    pub fn config(&self) -> &Config {
        &self.0.config
    }
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        lock(&self.0.db)
    }
    pub fn secret(&self) -> &[u8] {
        &self.0.secret
    }
    pub fn token_ttl(&self) -> i64 {
        self.0.token_ttl.load(Ordering::Relaxed)
    }
    pub fn set_token_ttl(&self, secs: i64) {
        self.0.token_ttl.store(secs, Ordering::Relaxed)
    }
    pub fn faults(&self) -> MutexGuard<'_, Vec<middleware::Fault>> {
        lock(&self.0.faults)
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

pub fn router(state: AppState) -> Router {
    use axum::routing::MethodRouter;
    let user: fn() -> MethodRouter<AppState> = || get(api::user).put(api::update_user).patch(api::update_user);
    let mut app = Router::new()
        .route("/api/v2.2/auth-token/", post(api::auth_token))
        .route("/api/v2.2/auth-token", post(api::auth_token))
        .route("/api/v2.2/me/", get(api::me))
        .route("/api/v2.2/me", get(api::me))
        .route("/api/v2.2/users/{id}/", user())
        .route("/api/v2.2/users/{id}", user())
        .route("/api/{*rest}", axum::routing::any(api::api_not_found))
        .route("/media/{name}", get(api::media));
    if state.config().faults {
        app = app
            .route("/__test__/faults", post(api::add_fault).get(api::list_faults).delete(api::clear_faults))
            .route("/__test__/settings", axum::routing::put(api::put_settings));
    }
    app = match &state.config().app_dir {
        Some(_) => app.fallback(static_app::serve),
        None => app.fallback(api::api_not_found),
    };
    app.layer(axum::middleware::from_fn_with_state(state.clone(), middleware::inject_faults))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::cors))
        .with_state(state)
}

/// Binds, then returns the address and the future that serves until `shutdown` resolves.
pub async fn bind(
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<(SocketAddr, impl std::future::Future<Output = std::io::Result<()>>)> {
    let state = AppState::new(config.clone()).map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let serve = axum::serve(listener, router(state)).with_graceful_shutdown(shutdown);
    Ok((addr, async move { serve.await }))
}

/// Starts a server on its own thread for tests and returns its base URL (`http://127.0.0.1:PORT`).
/// It lives until the test process ends.
pub fn spawn(config: Config) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        runtime.block_on(async move {
            let (addr, serve) = bind(config, std::future::pending()).await.expect("bind");
            tx.send(addr).expect("report address");
            serve.await.expect("serve");
        });
    });
    format!("http://{}", rx.recv().expect("server started"))
}
