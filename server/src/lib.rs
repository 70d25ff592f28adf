//! The Crema server around the `app` crate: configuration, start-up and the routes
//! that are not Leptos pages.

mod api;
pub mod cli;
pub mod client;
pub mod config;
mod health;
pub mod live;
mod metrics;
pub mod runner;
mod scan;
mod slots;
pub mod startup;
pub mod telemetry;
