//! The staff accounts: who works the booths, at which shops; a new account; disabling,
//! a new password, ending sessions.

use leptos::{either::Either, prelude::*, task::spawn_local};

use super::{FieldError, FormError, Shops, error_id, send};
use crate::{
    api::admin::{create_staff, end_staff_sessions, list_staff, update_staff},
    components::{Fields, Loading},
    error::AppError,
    model::{NewStaff, Role, Staff, StaffChanges},
};

#[component]
pub fn StaffSection(shops: Shops) -> impl IntoView {
    let accounts = RwSignal::new(Vec::<Staff>::new());
    let loaded = Resource::new(|| (), |_| list_staff());
    view! {
        <section id="staff" class="console-section" aria-labelledby="staff-title">
            <h2 id="staff-title">"Staff"</h2>
            <NewStaffForm shops accounts/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(list) => {
                            accounts.set(list);
                            Either::Left(view! { <StaffTable accounts/> })
                        }
                        Err(error) => Either::Right(view! {
                            <p class="form-error" role="alert">{error.message}</p>
                        }),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn StaffTable(accounts: RwSignal<Vec<Staff>>) -> impl IntoView {
    view! {
        <table class="staff-table">
            <thead>
                <tr>
                    <th scope="col">"Username"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Shops"</th>
                    <th scope="col">"Account"</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || accounts.get()
                    key=|staff| (staff.id, staff.disabled)
                    children=move |staff| view! { <StaffRow accounts staff/> }
                />
            </tbody>
        </table>
    }
}

#[component]
fn StaffRow(accounts: RwSignal<Vec<Staff>>, staff: Staff) -> impl IntoView {
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = staff.id.0.to_string();
    let change = {
        let id = id.clone();
        move |changes: StaffChanges, done: &'static str| {
            let id = id.clone();
            busy.set(true);
            spawn_local(async move {
                match update_staff(id, changes).await {
                    Ok(changed) => {
                        notice.set(Some(done.to_owned()));
                        accounts.update(|list| {
                            if let Some(known) = list.iter_mut().find(|s| s.id == changed.id) {
                                *known = changed;
                            }
                        });
                    }
                    Err(error) => notice.set(Some(error.message)),
                }
                busy.set(false);
            });
        }
    };
    let toggle = {
        let change = change.clone();
        let disabled = staff.disabled;
        move |_| {
            let changes = StaffChanges {
                disabled: Some(!disabled),
                ..StaffChanges::default()
            };
            change(
                changes,
                if disabled {
                    "Enabled."
                } else {
                    "Disabled: signed out everywhere."
                },
            );
        }
    };
    let new_password = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form: web_sys::HtmlFormElement = event_target(&event);
        let Some(fields) = Fields::of(&form) else {
            return;
        };
        form.reset();
        let changes = StaffChanges {
            password: Some(fields.get("password")),
            ..StaffChanges::default()
        };
        change(changes, "New password set: signed out everywhere.");
    };
    let end_sessions = move |_| {
        let id = id.clone();
        busy.set(true);
        spawn_local(async move {
            let done = end_staff_sessions(id).await;
            notice.set(Some(done.map_or_else(
                |error| error.message,
                |()| "Signed out everywhere.".to_owned(),
            )));
            busy.set(false);
        });
    };
    let username = staff.username.clone();
    let shops = if staff.role == Role::Admin || staff.shops.is_empty() {
        "every shop".to_owned()
    } else {
        staff.shops.join(", ")
    };
    view! {
        <tr class:disabled=staff.disabled>
            <th scope="row">{staff.username.clone()}</th>
            <td>{staff.display_name.clone().unwrap_or_default()}</td>
            <td>{staff.role.as_str()}</td>
            <td>{shops}</td>
            <td class="staff-actions">
                <button class="button small secondary" type="button" disabled=move || busy.get() on:click=toggle
                    aria-label=format!("{} {username}", if staff.disabled { "Enable" } else { "Disable" })>
                    {if staff.disabled { "Enable" } else { "Disable" }}
                </button>
                <button class="button small secondary" type="button" disabled=move || busy.get() on:click=end_sessions
                    aria-label=format!("Sign out everywhere: {}", staff.username)>
                    "Sign out everywhere"
                </button>
                <form class="inline-form" on:submit=new_password>
                    <input
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        minlength="10"
                        required
                        aria-label=format!("New password for {}", staff.username)
                        placeholder="New password"
                    />
                    <button class="button small secondary" type="submit" disabled=move || busy.get()>"Set"</button>
                </form>
                <span class="muted" role="status">{move || notice.get()}</span>
            </td>
        </tr>
    }
}

const STAFF_FIELDS: &[&str] = &["username", "display_name", "role", "password", "shops"];

#[component]
fn NewStaffForm(shops: Shops, accounts: RwSignal<Vec<Staff>>) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form: web_sys::HtmlFormElement = event_target(&event);
        let Some(fields) = Fields::of(&form) else {
            return;
        };
        let role = match fields.get("role").as_str() {
            "display" => Role::Display,
            "admin" => Role::Admin,
            _ => Role::Barista,
        };
        let kept_to = shops.list.with_untracked(|list| {
            list.iter()
                .map(|s| s.shop.slug.clone())
                .filter(|slug| fields.get(&format!("shop-{slug}")) == "on")
                .collect()
        });
        let name = fields.get("display_name");
        let input = NewStaff {
            username: fields.get("username"),
            display_name: (!name.trim().is_empty()).then_some(name),
            role,
            password: fields.get("password"),
            shops: kept_to,
        };
        send(busy, error, create_staff(input), move |staff| {
            form.reset();
            accounts.update(|list| {
                list.push(staff);
                list.sort_by(|a, b| a.username.cmp(&b.username));
            });
        });
    };
    view! {
        <details class="panel new-staff">
            <summary>"New staff account"</summary>
            <form class="form console-form" on:submit=on_submit>
                <label>
                    "Username"
                    <input name="username" required autocapitalize="none" autocomplete="off" aria-describedby=error_id("staff", "username")/>
                    <FieldError error form="staff" field="username"/>
                </label>
                <label>
                    "Name shown to colleagues"
                    <input name="display_name" aria-describedby=error_id("staff", "display_name")/>
                    <FieldError error form="staff" field="display_name"/>
                </label>
                <label>
                    "Role"
                    <select name="role">
                        <option value="barista">"Barista"</option>
                        <option value="display">"Booth screen"</option>
                        <option value="admin">"Admin"</option>
                    </select>
                    <FieldError error form="staff" field="role"/>
                </label>
                <label>
                    "Password (10 characters or more)"
                    <input name="password" type="password" autocomplete="new-password" required aria-describedby=error_id("staff", "password")/>
                    <FieldError error form="staff" field="password"/>
                </label>
                <fieldset class="shop-picks">
                    <legend>"Works at (none ticked: every shop)"</legend>
                    {move || shops.list.with(|list| {
                        list.iter()
                            .filter(|s| !s.shop.archived)
                            .map(|s| view! {
                                <label class="check">
                                    <input type="checkbox" name=format!("shop-{}", s.shop.slug)/>
                                    {s.shop.name.clone()}
                                </label>
                            })
                            .collect_view()
                    })}
                    <FieldError error form="staff" field="shops"/>
                </fieldset>
                <FormError error fields=STAFF_FIELDS/>
                <button class="button" type="submit" disabled=move || busy.get()>"Create the account"</button>
            </form>
        </details>
    }
}
