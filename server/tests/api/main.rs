//! Integration tests: the real server on a free port, each test with a fresh database.

mod auth;
mod authorization;
mod crash;
mod dev_mode;
mod devices;
mod health;
mod helpers;
mod hostile_input;
mod languages;
mod migrations;
mod operations;
mod orders;
mod pages;
mod pruning;
mod reports;
mod robots;
mod shop_admin;
mod shops;
mod staff;
mod stock;
mod streams;
