/*
 * worksection's stable C API. Pure C11; every function is also callable
 * through any C FFI. See docs/c-api.md for a guide and a complete example.
 *
 * CONVENTIONS (they hold for every declaration below unless it says
 * otherwise)
 *
 * Errors. A function that can fail returns an int: WS_OK (0) on success, a
 * negative WS_E... code on failure (the canonical status codes; see
 * ws_errcode). Such a call also records, for the calling thread, its code
 * (ws_errcode) and a message naming the field and value (ws_errmsg); the
 * next int-returning call on the thread replaces both. A failed call
 * changes nothing, neither in the workspace nor in its arguments. A NULL
 * handle, NULL object or NULL out-pointer gives WS_EINVAL, never a crash.
 *
 * Ownership. Whatever comes back through a `T **out` belongs to the caller,
 * who frees it with ws_T_free (NULL-safe; freeing twice is a bug). On
 * failure *out is set to NULL. Strings and objects returned by accessors are
 * borrowed from the object they came from and stay valid until that object
 * is freed or the same field is set again. Strings passed in are copied.
 *
 * Strings are UTF-8 and NUL-terminated. Instants are int64 microseconds
 * since 1970-01-01 UTC; dates are ws_date; durations are int64 seconds;
 * money is int64 minor units of the workspace currency (cents). Ids are
 * int64, positive; 0 means "none".
 *
 * Accessors (ws_task_title, ws_task_priority, ...) never fail and leave the
 * error state alone: on a NULL object they return 0, an all-zero value or
 * "" (never NULL, unless said otherwise). Optional fields have a
 * ws_T_has_F accessor; their value accessor returns 0 (or a zero date) when
 * unset. Setters store the value in the object only; the library validates
 * it when the object is passed to create or update.
 *
 * Versioned structs (options and filters) start with a `version` field and
 * only grow at the end. Initialise them with their *_INIT macro, then set
 * fields. The library reads only the fields that existed in the version the
 * caller names, so a program compiled against an older header keeps
 * working; a version newer than the library's, or 0, gives WS_EINVAL.
 *
 * Threads. A ws_workspace is thread-safe. A ws_session, and every entity
 * object, list, page and iterator, is thread-compatible: use it from one
 * thread at a time (concurrent accessors on an object nobody modifies are
 * fine). Give each thread its own session. Errors are per thread. A
 * ws_transaction is bound to the thread that began it.
 *
 * Lifetimes. Free transactions before their session, and sessions and
 * iterators before their workspace. Entity
 * objects, lists and pages are plain values: they outlive everything.
 */
#ifndef WORKSECTION_C_H_
#define WORKSECTION_C_H_

#include <stddef.h>
#include <stdint.h>

#ifndef WS_API
#if defined(__GNUC__) || defined(__clang__)
#define WS_API __attribute__((visibility("default")))
#else
#define WS_API
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------ */

/* The version of these headers; equal to the CMake project version. */
#define WS_VERSION_MAJOR 0
#define WS_VERSION_MINOR 1
#define WS_VERSION_PATCH 0
#define WS_VERSION_STRING "0.1.0"
/* MAJOR * 1000000 + MINOR * 1000 + PATCH. */
#define WS_VERSION_NUMBER \
  (WS_VERSION_MAJOR * 1000000 + WS_VERSION_MINOR * 1000 + WS_VERSION_PATCH)

/* "MAJOR.MINOR.PATCH" of the linked library (not of the headers). Static
 * storage; never NULL. */
WS_API const char *ws_version(void);
/* WS_VERSION_NUMBER of the linked library. */
WS_API int ws_version_number(void);

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/* Return codes: 0 or the negated canonical status code (absl/gRPC). */
#define WS_OK 0
#define WS_ECANCELLED (-1)      /* the operation was cancelled */
#define WS_EUNKNOWN (-2)        /* an error of no other kind */
#define WS_EINVAL (-3)          /* bad input: a value, a NULL, a version */
#define WS_ETIMEDOUT (-4)       /* a deadline passed */
#define WS_ENOTFOUND (-5)       /* no such id, or not visible to the actor */
#define WS_EEXISTS (-6)         /* e.g. an e-mail already in use */
#define WS_EPERM (-7)           /* the actor may not do this */
#define WS_ENOMEM (-8)          /* out of memory or another resource */
#define WS_EPRECONDITION (-9)   /* an invariant or state forbids it */
#define WS_EABORTED (-10)       /* stale revision: re-read and retry */
#define WS_ERANGE (-11)         /* out of range */
#define WS_EUNIMPLEMENTED (-12) /* not supported (by this store) */
#define WS_EINTERNAL (-13)      /* a bug in the library */
#define WS_EUNAVAILABLE (-14)   /* the store stayed busy; retry later */
#define WS_EDATALOSS (-15)      /* the store is corrupt */
#define WS_EUNAUTHENTICATED (-16)
/* Not an error: ws_task_iter_next has no more tasks. */
#define WS_DONE 1

/* The code returned by the calling thread's most recent int-returning
 * call. */
WS_API int ws_errcode(void);
/* The message of that call: "" after success. Never NULL. Thread-local;
 * valid until the thread's next int-returning call. */
WS_API const char *ws_errmsg(void);
/* A constant name for a return code ("WS_EINVAL"; "WS_OK"; "WS_E?" for an
 * unknown code). Static storage; never NULL. */
WS_API const char *ws_errname(int code);

/* ------------------------------------------------------------------------
 * Values and enumerations
 * ------------------------------------------------------------------------ */

/* A calendar day. month 1..12, day 1..31; years 1900..9999 are accepted by
 * the workspace. A setter refuses a day that does not exist (WS_EINVAL). In
 * filters, year 0 means "unset". */
typedef struct ws_date {
  int32_t year;
  int8_t month;
  int8_t day;
} ws_date;

/* In filters: "none", as opposed to 0, "any" (unassigned / top level). */
#define WS_ID_NONE (-1)

/* A deadline's minute of day for "by the end of the day". */
#define WS_END_OF_DAY (-1)

typedef enum ws_weekday {
  WS_MONDAY = 1,
  WS_TUESDAY = 2,
  WS_WEDNESDAY = 3,
  WS_THURSDAY = 4,
  WS_FRIDAY = 5,
  WS_SATURDAY = 6,
  WS_SUNDAY = 7,
  WS_WEEKDAY_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_weekday;

/* A member's role in the workspace. 0 means "any" in filters. */
typedef enum ws_role {
  WS_ROLE_OWNER = 1,    /* everything, including managing owners */
  WS_ROLE_ADMIN = 2,    /* everything but managing owners */
  WS_ROLE_EMPLOYEE = 3, /* works in the projects they belong to */
  WS_ROLE_CLIENT = 4,   /* follows own projects; no money, no hidden items */
  WS_ROLE_READER = 5,   /* reads the projects they belong to */
  WS_ROLE_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_role;

/* A member's role inside one project. */
typedef enum ws_project_role {
  WS_PROJECT_MANAGER = 1,
  WS_PROJECT_MEMBER = 2,
  WS_PROJECT_CLIENT = 3, /* the only project role a workspace client holds */
  WS_PROJECT_ROLE_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_project_role;

/* 0 means "any" in filters. */
typedef enum ws_project_status {
  WS_PROJECT_ACTIVE = 1,
  WS_PROJECT_PAUSED = 2,
  WS_PROJECT_ARCHIVED = 3,
  WS_PROJECT_STATUS_MAX_ENUM_ =
      0x7FFFFFFF /* every int is a value; never used */
} ws_project_status;

/* 0 means "any" in filters. */
typedef enum ws_task_status {
  WS_TASK_OPEN = 1,
  WS_TASK_DONE = 2,
  WS_TASK_STATUS_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_task_status;

/* How a project rounds the time it bills (each entry's billed duration;
 * the raw duration is always kept). */
typedef enum ws_rounding {
  WS_ROUND_NONE = 1,    /* billed = raw */
  WS_ROUND_UP = 2,      /* up to a multiple of the project's minutes */
  WS_ROUND_NEAREST = 3, /* to the nearest multiple (halves go up) */
  WS_ROUND_DOWN = 4,    /* down to a multiple */
  WS_ROUNDING_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_rounding;

/* Every enum ends with a WS_*_MAX_ENUM_ sentinel, as Vulkan's do, so that a
 * value a caller passes out of range is still a value of the type (C++ code
 * may read it without undefined behaviour) and gets WS_EINVAL.
 *
 * Names used in messages and exports: "owner", "archived", ...; "" for a
 * value out of range. Static storage; never NULL. */
WS_API const char *ws_role_name(ws_role role);
WS_API const char *ws_project_role_name(ws_project_role role);
WS_API const char *ws_project_status_name(ws_project_status status);
WS_API const char *ws_task_status_name(ws_task_status status);
/* "none", "up", "nearest", "down". */
WS_API const char *ws_rounding_name(ws_rounding mode);

/* Bounds every input is checked against (bytes of UTF-8, counts). */
#define WS_MAX_NAME_BYTES 200
#define WS_MAX_EMAIL_BYTES 254
#define WS_MAX_TITLE_BYTES 500
#define WS_MAX_TEXT_BYTES 100000
#define WS_MAX_LABEL_BYTES 100
#define WS_MAX_TAGS 50
#define WS_MAX_CHECKLIST_ITEMS 500
#define WS_MAX_SUBSCRIBERS 500
#define WS_MAX_PROJECT_MEMBERS 1000
#define WS_MAX_TASK_DEPTH 3
#define WS_MIN_PRIORITY 0 /* 0 means paused */
#define WS_MAX_PRIORITY 10
#define WS_DEFAULT_PAGE_SIZE 100
#define WS_MAX_PAGE_SIZE 1000

/* ------------------------------------------------------------------------
 * Handles and objects (all opaque)
 * ------------------------------------------------------------------------ */

typedef struct ws_workspace ws_workspace; /* an open store; thread-safe */
typedef struct ws_session ws_session;     /* acts as one member */
typedef struct ws_settings ws_settings;   /* the workspace's settings */
typedef struct ws_member ws_member;
typedef struct ws_member_list ws_member_list;
typedef struct ws_project ws_project;
typedef struct ws_project_list ws_project_list;
typedef struct ws_task ws_task;
typedef struct ws_task_page ws_task_page;
typedef struct ws_task_iter ws_task_iter;
typedef struct ws_comment ws_comment;
typedef struct ws_comment_list ws_comment_list;

/* ------------------------------------------------------------------------
 * Opening a workspace
 * ------------------------------------------------------------------------ */

/* What a new workspace starts with. Strings are copied by the call that
 * takes the struct. */
typedef struct ws_setup {
  unsigned int version;    /* WS_SETUP_VERSION */
  const char *name;        /* the workspace's name; required */
  const char *time_zone;   /* IANA name; NULL means "UTC" */
  const char *currency;    /* ISO 4217; NULL means "USD" */
  ws_weekday week_start;   /* 0 means WS_MONDAY */
  const char *owner_name;  /* the first owner; required */
  const char *owner_email; /* required */
} ws_setup;
#define WS_SETUP_VERSION 1
#define WS_SETUP_INIT \
  { WS_SETUP_VERSION, NULL, NULL, NULL, WS_MONDAY, NULL, NULL }

/* The source of "now", in microseconds since the epoch UTC. Called from any
 * thread that uses the workspace: it must be thread-safe. */
typedef int64_t (*ws_clock_fn)(void *ctx);

/* Options of ws_workspace_open.
 * Version 1: read_only, busy_timeout_ms, create.
 * Version 2: adds clock and clock_ctx. */
typedef struct ws_open_options {
  unsigned int version; /* WS_OPEN_OPTIONS_VERSION */
  /* Nonzero: refuse every write and never touch the file. */
  int read_only;
  /* How long a write waits for another writer before WS_EUNAVAILABLE;
   * >= 0. WS_OPEN_OPTIONS_INIT sets 5000. */
  int64_t busy_timeout_ms;
  /* Non-NULL: when the store holds no workspace yet, create one with this
   * setup. Ignored for a store that already holds one. */
  const ws_setup *create;
  /* --- version 2 --- */
  /* Non-NULL: the workspace's clock (tests pass a fixed one); clock_ctx is
   * passed to it and must outlive the workspace. NULL: the system clock. */
  ws_clock_fn clock;
  void *clock_ctx;
} ws_open_options;
#define WS_OPEN_OPTIONS_VERSION 2
#define WS_OPEN_OPTIONS_INIT \
  { WS_OPEN_OPTIONS_VERSION, 0, 5000, NULL, NULL, NULL }

/* Opens the store `uri` names: "memory:" (a fresh in-memory store),
 * "sqlite:PATH" or a plain PATH (a SQLite file, created if missing).
 * `options` may be NULL (WS_OPEN_OPTIONS_INIT). Frees with
 * ws_workspace_free. Errors: WS_EINVAL (uri, options, setup),
 * WS_EUNAVAILABLE (busy), WS_EDATALOSS (not a workspace file),
 * WS_EPRECONDITION (a newer schema). */
WS_API int ws_workspace_open(const char *uri, const ws_open_options *options,
                             ws_workspace **out);
/* Closes the workspace. NULL-safe. Free its sessions and iterators first;
 * no call on it may be running. */
WS_API void ws_workspace_free(ws_workspace *workspace);

/* Creates the workspace and its owner in an empty store; *owner receives
 * the owner (free with ws_member_free). WS_EPRECONDITION if the store
 * already holds a workspace or is read-only; WS_EINVAL for a bad setup. */
WS_API int ws_workspace_bootstrap(ws_workspace *workspace,
                                  const ws_setup *setup, ws_member **owner);
/* *initialized = 1 once the store holds a workspace, else 0. */
WS_API int ws_workspace_initialized(ws_workspace *workspace, int *initialized);
/* The first active owner, by id. WS_EPRECONDITION on an empty store. */
WS_API int ws_workspace_first_owner(ws_workspace *workspace, ws_member **out);
/* 1 if opened read-only, else 0 (also for NULL). */
WS_API int ws_workspace_read_only(const ws_workspace *workspace);
/* The workspace's clock, in microseconds UTC (0 for NULL). */
WS_API int64_t ws_workspace_now(const ws_workspace *workspace);

/* ------------------------------------------------------------------------
 * Sessions
 * ------------------------------------------------------------------------ */

/* A session acting as member `actor`. Does not check the actor: every call
 * of the session does (WS_ENOTFOUND if missing, WS_EPERM if deactivated).
 * One thread at a time; free it before its workspace. */
WS_API int ws_session_open(ws_workspace *workspace, int64_t actor,
                           ws_session **out);
/* NULL-safe. */
WS_API void ws_session_free(ws_session *session);
/* The acting member's id (0 for NULL). */
WS_API int64_t ws_session_actor(const ws_session *session);
/* Today in the workspace's time zone. */
WS_API int ws_session_today(ws_session *session, ws_date *out);

/* ------------------------------------------------------------------------
 * Transactions: several calls that take effect together or not at all
 * ------------------------------------------------------------------------ */

/* A write transaction begun by ws_transaction_begin. Every call made
 * through its session (ws_transaction_session) joins it; they are written
 * together by ws_transaction_commit, or not at all.
 *
 * A call that fails inside the transaction fails all of it: later calls
 * through its session and ws_transaction_commit return WS_EABORTED (the
 * message names the first failure), and nothing is written, so a failed
 * call still changes nothing.
 *
 * It holds the store's write lock from begin until it is committed, rolled
 * back or freed: calls through every other session (of any thread) that
 * write, and on a "memory:" store those that read too, wait for it, and
 * get WS_EUNAVAILABLE past the busy timeout. Keep it short.
 *
 * Threads: not thread-safe, and bound to the thread that began it. Make
 * its session's calls, commit, rollback and free on that thread only (the
 * write lock is released on the thread that took it). On that thread, make
 * no such waiting call through another session while it is open: it would
 * wait for the transaction, i.e. for itself, and fail with WS_EUNAVAILABLE
 * after the busy timeout.
 *
 * Lifetime: free it before the session it was begun from and before the
 * workspace. */
typedef struct ws_transaction ws_transaction;

/* Begins a write transaction as the actor of `session`; *out receives it
 * (free with ws_transaction_free). `session` itself does not join: call
 * through ws_transaction_session(*out). Waits for another write
 * transaction at most the busy timeout. Errors: WS_EINVAL (NULL),
 * WS_EUNAVAILABLE (the store stayed busy), WS_EPRECONDITION (a read-only
 * workspace, or `session` is itself a transaction's session: transactions
 * do not nest). */
WS_API int ws_transaction_begin(ws_session *session, ws_transaction **out);
/* The session whose calls join `transaction`: it acts as the actor of the
 * session the transaction was begun from. Borrowed: valid until
 * ws_transaction_free; never pass it to ws_session_free. After commit or
 * rollback its calls return WS_EPRECONDITION. NULL for NULL. */
WS_API ws_session *ws_transaction_session(ws_transaction *transaction);
/* Writes every call's changes durably and releases the write lock.
 * WS_EABORTED when a call inside failed (everything is rolled back; the
 * message names that call's error); WS_EPRECONDITION when already committed
 * or rolled back; a store error (e.g. WS_EUNAVAILABLE, WS_EDATALOSS) when
 * the write itself fails, which also leaves nothing written. Whatever it
 * returns, the transaction is over afterwards. */
WS_API int ws_transaction_commit(ws_transaction *transaction);
/* Drops every change made through the transaction and releases the write
 * lock; later calls through its session return WS_EPRECONDITION. Harmless
 * on a committed or rolled-back transaction. WS_EINVAL for NULL only. */
WS_API int ws_transaction_rollback(ws_transaction *transaction);
/* Rolls back unless committed, then frees. NULL-safe. On the thread that
 * began it. */
WS_API void ws_transaction_free(ws_transaction *transaction);

/* ------------------------------------------------------------------------
 * Workspace settings. Read by everyone; updated by owners and admins.
 * ------------------------------------------------------------------------ */

WS_API int ws_settings_get(ws_session *session, ws_settings **out);
/* Writes name, time zone, currency, week start and the forgotten-timer
 * limit: every field the object holds, so an object read with
 * ws_settings_get and changed through setters keeps the fields it did not
 * touch. On success *settings is refreshed with the stored state (a new
 * revision). WS_EABORTED when its revision is stale (0 means "do not
 * check"); WS_EINVAL naming the field for a bad value. */
WS_API int ws_settings_update(ws_session *session, ws_settings *settings);
/* NULL-safe. */
WS_API void ws_settings_free(ws_settings *settings);

WS_API int64_t ws_settings_revision(const ws_settings *settings);
WS_API const char *ws_settings_name(const ws_settings *settings);
WS_API const char *ws_settings_time_zone(const ws_settings *settings);
WS_API const char *ws_settings_currency(const ws_settings *settings);
WS_API ws_weekday ws_settings_week_start(const ws_settings *settings);
WS_API int ws_settings_set_revision(ws_settings *settings, int64_t revision);
WS_API int ws_settings_set_name(ws_settings *settings, const char *name);
WS_API int ws_settings_set_time_zone(ws_settings *settings, const char *tz);
WS_API int ws_settings_set_currency(ws_settings *settings,
                                    const char *currency);
WS_API int ws_settings_set_week_start(ws_settings *settings, ws_weekday day);
/* Seconds: a timer running longer is listed as forgotten, and stopping it
 * may cap the entry at this length (ws_timer_stop). 60..86400; the library
 * checks it on update (WS_EINVAL). A new workspace starts with 36000. */
WS_API int64_t ws_settings_forgotten_timer_after(const ws_settings *settings);
WS_API int ws_settings_set_forgotten_timer_after(ws_settings *settings,
                                                 int64_t seconds);

/* ------------------------------------------------------------------------
 * Members. Never deleted: deactivated.
 * ------------------------------------------------------------------------ */

/* A blank member (role employee, active) to fill and pass to
 * ws_member_create. */
WS_API int ws_member_new(ws_member **out);
/* An independent copy. */
WS_API int ws_member_dup(const ws_member *member, ws_member **out);
/* NULL-safe. */
WS_API void ws_member_free(ws_member *member);

/* Stores a new member; on success *member is refreshed (id, revision,
 * timestamps). WS_EEXISTS for an e-mail already in use. */
WS_API int ws_member_create(ws_session *session, ws_member *member);
WS_API int ws_member_get(ws_session *session, int64_t id, ws_member **out);
/* Writes name, e-mail, role, company and the rates (unset rates are kept).
 * On success *member is refreshed. WS_EABORTED for a stale revision. */
WS_API int ws_member_update(ws_session *session, ws_member *member);
/* WS_EPRECONDITION for the last active owner. */
WS_API int ws_member_deactivate(ws_session *session, int64_t id,
                                ws_member **out);
WS_API int ws_member_reactivate(ws_session *session, int64_t id,
                                ws_member **out);

typedef struct ws_member_filter {
  unsigned int version; /* WS_MEMBER_FILTER_VERSION */
  int include_inactive; /* nonzero: deactivated members too */
  ws_role role;         /* 0: any role */
} ws_member_filter;
#define WS_MEMBER_FILTER_VERSION 1
#define WS_MEMBER_FILTER_INIT \
  { WS_MEMBER_FILTER_VERSION, 0, (ws_role)0 }

/* The members the actor may see, by id. `filter` may be NULL. */
WS_API int ws_list_members(ws_session *session, const ws_member_filter *filter,
                           ws_member_list **out);
WS_API size_t ws_member_list_count(const ws_member_list *list);
/* The i-th member, borrowed from the list; NULL when i is out of range. */
WS_API const ws_member *ws_member_list_at(const ws_member_list *list, size_t i);
/* NULL-safe. */
WS_API void ws_member_list_free(ws_member_list *list);

WS_API int64_t ws_member_id(const ws_member *member);
WS_API int64_t ws_member_revision(const ws_member *member);
WS_API const char *ws_member_name(const ws_member *member);
WS_API const char *ws_member_email(const ws_member *member);
WS_API ws_role ws_member_role(const ws_member *member);
WS_API const char *ws_member_company(const ws_member *member);
/* Hourly rates; unset when the actor may not see rates. */
WS_API int ws_member_has_cost_rate(const ws_member *member);
WS_API int64_t ws_member_cost_rate(const ws_member *member);
WS_API int ws_member_has_billing_rate(const ws_member *member);
WS_API int64_t ws_member_billing_rate(const ws_member *member);
WS_API int ws_member_active(const ws_member *member);
WS_API int64_t ws_member_created_at(const ws_member *member);
WS_API int64_t ws_member_updated_at(const ws_member *member);

/* The revision an update checks against (0: do not check). */
WS_API int ws_member_set_revision(ws_member *member, int64_t revision);
WS_API int ws_member_set_name(ws_member *member, const char *name);
WS_API int ws_member_set_email(ws_member *member, const char *email);
WS_API int ws_member_set_role(ws_member *member, ws_role role);
WS_API int ws_member_set_company(ws_member *member, const char *company);
/* Unset on create means 0; on update, "leave unchanged". */
WS_API int ws_member_set_cost_rate(ws_member *member, int64_t per_hour);
WS_API int ws_member_clear_cost_rate(ws_member *member);
WS_API int ws_member_set_billing_rate(ws_member *member, int64_t per_hour);
WS_API int ws_member_clear_billing_rate(ws_member *member);

/* ------------------------------------------------------------------------
 * Projects
 * ------------------------------------------------------------------------ */

/* A blank active project to fill and pass to ws_project_create. */
WS_API int ws_project_new(ws_project **out);
WS_API int ws_project_dup(const ws_project *project, ws_project **out);
/* NULL-safe. */
WS_API void ws_project_free(ws_project *project);

/* Stores a new project; on success *project is refreshed. */
WS_API int ws_project_create(ws_session *session, ws_project *project);
WS_API int ws_project_get(ws_session *session, int64_t id, ws_project **out);
/* Writes every field but id and timestamps (money fields left unset are
 * kept when the actor may not see them): rounding, clients_see_hours and
 * the members' billing-rate overrides included, so an object read with
 * ws_project_get keeps what its setters did not touch; *project is
 * refreshed.
 * WS_EABORTED for a stale revision. */
WS_API int ws_project_update(ws_session *session, ws_project *project);
WS_API int ws_project_archive(ws_session *session, int64_t id,
                              ws_project **out);

typedef struct ws_project_filter {
  unsigned int version;     /* WS_PROJECT_FILTER_VERSION */
  ws_project_status status; /* 0: any; else only this status */
  int include_archived;     /* with status 0: nonzero adds archived ones */
  int64_t member;           /* 0: any; else projects this member is in */
} ws_project_filter;
#define WS_PROJECT_FILTER_VERSION 1
#define WS_PROJECT_FILTER_INIT \
  { WS_PROJECT_FILTER_VERSION, (ws_project_status)0, 0, 0 }

/* The projects the actor may see, by id. `filter` may be NULL. */
WS_API int ws_list_projects(ws_session *session,
                            const ws_project_filter *filter,
                            ws_project_list **out);
WS_API size_t ws_project_list_count(const ws_project_list *list);
/* Borrowed from the list; NULL when i is out of range. */
WS_API const ws_project *ws_project_list_at(const ws_project_list *list,
                                            size_t i);
/* NULL-safe. */
WS_API void ws_project_list_free(ws_project_list *list);

WS_API int64_t ws_project_id(const ws_project *project);
WS_API int64_t ws_project_revision(const ws_project *project);
WS_API const char *ws_project_name(const ws_project *project);
WS_API ws_project_status ws_project_status_of(const ws_project *project);
WS_API const char *ws_project_folder(const ws_project *project);
/* The responsible manager; 0 for none. */
WS_API int64_t ws_project_manager(const ws_project *project);
WS_API int ws_project_has_start_date(const ws_project *project);
WS_API ws_date ws_project_start_date(const ws_project *project);
WS_API int ws_project_has_deadline(const ws_project *project);
WS_API ws_date ws_project_deadline(const ws_project *project);
/* Seconds. */
WS_API int ws_project_has_time_budget(const ws_project *project);
WS_API int64_t ws_project_time_budget(const ws_project *project);
/* Unset when the actor may not see money. */
WS_API int ws_project_has_money_budget(const ws_project *project);
WS_API int64_t ws_project_money_budget(const ws_project *project);
WS_API int ws_project_has_billing_rate(const ws_project *project);
WS_API int64_t ws_project_billing_rate(const ws_project *project);
/* Tags, sorted and unique once stored. ws_project_tag returns NULL when i is
 * out of range. */
WS_API size_t ws_project_tag_count(const ws_project *project);
WS_API const char *ws_project_tag(const ws_project *project, size_t i);
/* Members with their project role, sorted by member id once stored.
 * Out-of-range i gives 0. */
WS_API size_t ws_project_member_count(const ws_project *project);
WS_API int64_t ws_project_member_id(const ws_project *project, size_t i);
WS_API ws_project_role ws_project_member_role(const ws_project *project,
                                              size_t i);
/* The i-th member's billing rate on this project (per hour), overriding
 * the project's and the member's own. Unset when there is no override,
 * when i is out of range, or when the actor may not see money. */
WS_API int ws_project_member_has_billing_rate(const ws_project *project,
                                              size_t i);
WS_API int64_t ws_project_member_billing_rate(const ws_project *project,
                                              size_t i);
/* How billed time is rounded: WS_ROUND_NONE (minutes 0) or a mode with
 * minutes 1..1440. */
WS_API ws_rounding ws_project_rounding_mode(const ws_project *project);
WS_API int ws_project_rounding_minutes(const ws_project *project);
/* 1 (the default) when the project's clients may read the time logged in
 * it, else 0. */
WS_API int ws_project_clients_see_hours(const ws_project *project);
WS_API int64_t ws_project_created_at(const ws_project *project);
WS_API int64_t ws_project_updated_at(const ws_project *project);

WS_API int ws_project_set_revision(ws_project *project, int64_t revision);
WS_API int ws_project_set_name(ws_project *project, const char *name);
WS_API int ws_project_set_status(ws_project *project, ws_project_status status);
WS_API int ws_project_set_folder(ws_project *project, const char *folder);
/* 0 for none. The library keeps the manager among the members. */
WS_API int ws_project_set_manager(ws_project *project, int64_t member);
WS_API int ws_project_set_start_date(ws_project *project, ws_date day);
WS_API int ws_project_clear_start_date(ws_project *project);
WS_API int ws_project_set_deadline(ws_project *project, ws_date day);
WS_API int ws_project_clear_deadline(ws_project *project);
WS_API int ws_project_set_time_budget(ws_project *project, int64_t seconds);
WS_API int ws_project_clear_time_budget(ws_project *project);
WS_API int ws_project_set_money_budget(ws_project *project, int64_t amount);
WS_API int ws_project_clear_money_budget(ws_project *project);
WS_API int ws_project_set_billing_rate(ws_project *project, int64_t per_hour);
WS_API int ws_project_clear_billing_rate(ws_project *project);
/* Replaces the tags with tags[0..count); tags may be NULL when count is 0.
 */
WS_API int ws_project_set_tags(ws_project *project, const char *const *tags,
                               size_t count);
WS_API int ws_project_add_tag(ws_project *project, const char *tag);
/* Adds `member` with `role`, or changes its role if already there. */
WS_API int ws_project_set_member(ws_project *project, int64_t member,
                                 ws_project_role role);
/* WS_ENOTFOUND when `member` is not among the object's members. */
WS_API int ws_project_remove_member(ws_project *project, int64_t member);
WS_API int ws_project_clear_members(ws_project *project);
/* Sets or clears the billing-rate override of `member`, which must be
 * among the object's members (else WS_ENOTFOUND). Changing a member's role
 * with ws_project_set_member keeps the override. On update, an actor who
 * may not see money keeps the stored override whatever the object says. */
WS_API int ws_project_set_member_billing_rate(ws_project *project,
                                              int64_t member, int64_t per_hour);
WS_API int ws_project_clear_member_billing_rate(ws_project *project,
                                                int64_t member);
/* `minutes` is 0 for WS_ROUND_NONE, else 1..1440 (checked on create and
 * update). WS_EINVAL here for a mode out of range. Entries keep the billed
 * duration they were written with; ws_reprice_time_entries re-rounds. */
WS_API int ws_project_set_rounding(ws_project *project, ws_rounding mode,
                                   int minutes);
WS_API int ws_project_set_clients_see_hours(ws_project *project, int see);

/* ------------------------------------------------------------------------
 * Tasks
 * ------------------------------------------------------------------------ */

/* A blank open task (priority 5) to fill and pass to ws_task_create. */
WS_API int ws_task_new(ws_task **out);
WS_API int ws_task_dup(const ws_task *task, ws_task **out);
/* NULL-safe. */
WS_API void ws_task_free(ws_task *task);

/* Stores a new task with the actor as author; *task is refreshed.
 * WS_EPRECONDITION for an archived project or a 4th level of subtasks. */
WS_API int ws_task_create(ws_session *session, ws_task *task);
WS_API int ws_task_get(ws_session *session, int64_t id, ws_task **out);
/* Writes every editable field, the parent among them (within the project;
 * WS_EPRECONDITION for a cycle or a 4th level); *task is refreshed.
 * WS_EABORTED for a stale revision. The project changes only through
 * ws_task_move. */
WS_API int ws_task_update(ws_session *session, ws_task *task);
/* WS_EPRECONDITION when already done. `note` may be NULL. */
WS_API int ws_task_complete(ws_session *session, int64_t id, const char *note,
                            ws_task **out);
/* Clears completed_at and the note. WS_EPRECONDITION when open. */
WS_API int ws_task_reopen(ws_session *session, int64_t id, ws_task **out);
/* Moves a task and its subtasks into `project`, under `new_parent` there (0:
 * top level). WS_EPRECONDITION when an assignee or subscriber could not see
 * the moved tasks there. */
WS_API int ws_task_move(ws_session *session, int64_t id, int64_t project,
                        int64_t new_parent, ws_task **out);

/* How task lists are ordered; ties go by ascending id. */
typedef enum ws_task_order {
  WS_ORDER_ID = 0,                     /* creation order */
  WS_ORDER_DEADLINE = 1,               /* earliest deadline first; none last */
  WS_ORDER_PRIORITY = 2,               /* highest priority first */
  WS_TASK_ORDER_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_task_order;

/* Which tasks a list returns: every set field narrows it (ANDed). */
typedef struct ws_task_filter {
  unsigned int version;  /* WS_TASK_FILTER_VERSION */
  int64_t project;       /* 0: any */
  int64_t parent;        /* 0: any; WS_ID_NONE: top level; else its subtasks */
  int64_t assignee;      /* 0: any; WS_ID_NONE: unassigned */
  int64_t author;        /* 0: any */
  ws_task_status status; /* 0: any */
  const char *tag;       /* NULL: any; else this exact tag */
  int32_t min_priority;  /* inclusive; INIT sets WS_MIN_PRIORITY */
  int32_t max_priority;  /* inclusive; INIT sets WS_MAX_PRIORITY */
  ws_date deadline_from; /* year 0: unset; inclusive, by deadline day */
  ws_date deadline_to;   /* year 0: unset; inclusive */
  ws_date overdue_as_of; /* year 0: unset; open tasks due before this day */
  const char *text_contains; /* NULL or "": any; title or text substring */
  ws_task_order order;
  int32_t limit; /* page size 1..WS_MAX_PAGE_SIZE; 0: WS_DEFAULT_PAGE_SIZE */
} ws_task_filter;
#define WS_TASK_FILTER_VERSION 1
#define WS_TASK_FILTER_INIT                                                \
  {                                                                        \
    WS_TASK_FILTER_VERSION, 0, 0, 0, 0, (ws_task_status)0, NULL,           \
        WS_MIN_PRIORITY, WS_MAX_PRIORITY, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, \
        NULL, WS_ORDER_ID, 0                                               \
  }

/* One page of the tasks the actor may see. `filter` may be NULL;
 * `page_token` is NULL or "" for the first page, else the next-page token
 * of the previous page read with the same filter (else WS_EINVAL). */
WS_API int ws_list_tasks(ws_session *session, const ws_task_filter *filter,
                         const char *page_token, ws_task_page **out);
WS_API size_t ws_task_page_count(const ws_task_page *page);
/* Borrowed from the page; NULL when i is out of range. */
WS_API const ws_task *ws_task_page_at(const ws_task_page *page, size_t i);
/* "" on the last page; borrowed from the page. */
WS_API const char *ws_task_page_next_token(const ws_task_page *page);
/* NULL-safe. */
WS_API void ws_task_page_free(ws_task_page *page);

/* Every matching task, fetched a page (filter->limit) at a time. The
 * iterator copies the filter and acts as the session's actor; it belongs to
 * one thread at a time and must be freed before the workspace. */
WS_API int ws_task_iter_new(ws_session *session, const ws_task_filter *filter,
                            ws_task_iter **out);
/* WS_OK with *task set to the next task (borrowed from the iterator, valid
 * until the next call or ws_task_iter_free), or WS_DONE (*task = NULL) at
 * the end, or an error (the iterator may then be retried or freed). */
WS_API int ws_task_iter_next(ws_task_iter *iter, const ws_task **task);
/* NULL-safe. */
WS_API void ws_task_iter_free(ws_task_iter *iter);

WS_API int64_t ws_task_id(const ws_task *task);
WS_API int64_t ws_task_revision(const ws_task *task);
WS_API int64_t ws_task_project(const ws_task *task);
WS_API int64_t ws_task_parent(const ws_task *task); /* 0: top level */
WS_API const char *ws_task_title(const ws_task *task);
WS_API const char *ws_task_text(const ws_task *task);
WS_API int64_t ws_task_author(const ws_task *task);
WS_API int64_t ws_task_assignee(const ws_task *task); /* 0: none */
WS_API int ws_task_priority(const ws_task *task);     /* 0..10 */
WS_API ws_task_status ws_task_status_of(const ws_task *task);
WS_API int ws_task_has_start_date(const ws_task *task);
WS_API ws_date ws_task_start_date(const ws_task *task);
WS_API int ws_task_has_deadline(const ws_task *task);
/* The deadline's day, in the workspace time zone. */
WS_API ws_date ws_task_deadline(const ws_task *task);
/* Minutes after midnight 0..1439, or WS_END_OF_DAY (also when unset). */
WS_API int ws_task_deadline_minute(const ws_task *task);
/* Seconds. */
WS_API int ws_task_has_estimate(const ws_task *task);
WS_API int64_t ws_task_estimate(const ws_task *task);
/* Unset when the actor may not see money. */
WS_API int ws_task_has_money_budget(const ws_task *task);
WS_API int64_t ws_task_money_budget(const ws_task *task);
/* NULL when i is out of range. */
WS_API size_t ws_task_tag_count(const ws_task *task);
WS_API const char *ws_task_tag(const ws_task *task, size_t i);
/* NULL, respectively 0, when i is out of range. */
WS_API size_t ws_task_checklist_count(const ws_task *task);
WS_API const char *ws_task_checklist_text(const ws_task *task, size_t i);
WS_API int ws_task_checklist_done(const ws_task *task, size_t i);
/* Sorted and unique once stored; 0 when i is out of range. */
WS_API size_t ws_task_subscriber_count(const ws_task *task);
WS_API int64_t ws_task_subscriber(const ws_task *task, size_t i);
WS_API int ws_task_hidden_from_clients(const ws_task *task);
WS_API const char *ws_task_completion_note(const ws_task *task);
WS_API int ws_task_has_completed_at(const ws_task *task);
WS_API int64_t ws_task_completed_at(const ws_task *task);
WS_API int64_t ws_task_created_at(const ws_task *task);
WS_API int64_t ws_task_updated_at(const ws_task *task);

WS_API int ws_task_set_revision(ws_task *task, int64_t revision);
/* Read by ws_task_create only. */
WS_API int ws_task_set_project(ws_task *task, int64_t project);
WS_API int ws_task_set_parent(ws_task *task, int64_t parent); /* 0: none */
WS_API int ws_task_set_title(ws_task *task, const char *title);
WS_API int ws_task_set_text(ws_task *task, const char *text);
WS_API int ws_task_set_assignee(ws_task *task, int64_t member); /* 0: none */
WS_API int ws_task_set_priority(ws_task *task, int priority);
WS_API int ws_task_set_start_date(ws_task *task, ws_date day);
WS_API int ws_task_clear_start_date(ws_task *task);
/* minute_of_day 0..1439, or WS_END_OF_DAY for a day-only deadline. */
WS_API int ws_task_set_deadline(ws_task *task, ws_date day, int minute_of_day);
WS_API int ws_task_clear_deadline(ws_task *task);
WS_API int ws_task_set_estimate(ws_task *task, int64_t seconds);
WS_API int ws_task_clear_estimate(ws_task *task);
WS_API int ws_task_set_money_budget(ws_task *task, int64_t amount);
WS_API int ws_task_clear_money_budget(ws_task *task);
/* Replaces the tags; tags may be NULL when count is 0. */
WS_API int ws_task_set_tags(ws_task *task, const char *const *tags,
                            size_t count);
WS_API int ws_task_add_tag(ws_task *task, const char *tag);
/* Appends an item. */
WS_API int ws_task_checklist_add(ws_task *task, const char *text, int done);
/* WS_ERANGE when i is out of range. */
WS_API int ws_task_checklist_set_done(ws_task *task, size_t i, int done);
WS_API int ws_task_checklist_remove(ws_task *task, size_t i);
WS_API int ws_task_checklist_clear(ws_task *task);
/* Replaces the subscribers; ids may be NULL when count is 0. */
WS_API int ws_task_set_subscribers(ws_task *task, const int64_t *ids,
                                   size_t count);
WS_API int ws_task_add_subscriber(ws_task *task, int64_t member);
WS_API int ws_task_set_hidden_from_clients(ws_task *task, int hidden);

/* ------------------------------------------------------------------------
 * Comments
 * ------------------------------------------------------------------------ */

WS_API int ws_comment_new(ws_comment **out);
WS_API int ws_comment_dup(const ws_comment *comment, ws_comment **out);
/* NULL-safe. */
WS_API void ws_comment_free(ws_comment *comment);

/* Stores a new comment by the actor; *comment is refreshed. */
WS_API int ws_comment_create(ws_session *session, ws_comment *comment);
WS_API int ws_comment_get(ws_session *session, int64_t id, ws_comment **out);
/* Writes text and hidden_from_clients; *comment is refreshed. WS_EABORTED
 * for a stale revision. */
WS_API int ws_comment_update(ws_session *session, ws_comment *comment);

/* The comments on `task` the actor may see, oldest first. */
WS_API int ws_list_comments(ws_session *session, int64_t task,
                            ws_comment_list **out);
WS_API size_t ws_comment_list_count(const ws_comment_list *list);
/* Borrowed from the list; NULL when i is out of range. */
WS_API const ws_comment *ws_comment_list_at(const ws_comment_list *list,
                                            size_t i);
/* NULL-safe. */
WS_API void ws_comment_list_free(ws_comment_list *list);

WS_API int64_t ws_comment_id(const ws_comment *comment);
WS_API int64_t ws_comment_revision(const ws_comment *comment);
WS_API int64_t ws_comment_task(const ws_comment *comment);
WS_API int64_t ws_comment_author(const ws_comment *comment);
WS_API const char *ws_comment_text(const ws_comment *comment);
WS_API int ws_comment_hidden_from_clients(const ws_comment *comment);
WS_API int64_t ws_comment_created_at(const ws_comment *comment);
WS_API int64_t ws_comment_updated_at(const ws_comment *comment);

WS_API int ws_comment_set_revision(ws_comment *comment, int64_t revision);
/* Read by ws_comment_create only. */
WS_API int ws_comment_set_task(ws_comment *comment, int64_t task);
WS_API int ws_comment_set_text(ws_comment *comment, const char *text);
WS_API int ws_comment_set_hidden_from_clients(ws_comment *comment, int hidden);

/* ------------------------------------------------------------------------
 * Time entries: time a member spent on a task. The rates in force when an
 * entry is written are stored on it; changing a rate later never rewrites
 * history (ws_reprice_time_entries does, on purpose). Money fields are
 * unset for whoever may not read money.
 * ------------------------------------------------------------------------ */

typedef struct ws_time_entry ws_time_entry;
typedef struct ws_time_entry_page ws_time_entry_page;
typedef struct ws_time_entry_iter ws_time_entry_iter;

/* A three-way filter field. */
typedef enum ws_billable {
  WS_BILLABLE_ANY = 0,               /* billable or not */
  WS_BILLABLE_YES = 1,               /* only billable entries */
  WS_BILLABLE_NO = 2,                /* only non-billable entries */
  WS_BILLABLE_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_billable;

/* What ws_log_time writes: a duration (with an optional start), or a start
 * and an end (the duration is end - start, in whole seconds). */
typedef struct ws_time_log {
  unsigned int version; /* WS_TIME_LOG_VERSION */
  int64_t task;         /* required */
  int64_t member;       /* whose time; 0: the actor */
  /* year 0: the day `start` falls on in the workspace time zone, else
   * today. */
  ws_date date;
  int64_t duration; /* seconds, 1..86400; 0: end - start */
  int64_t start;    /* microseconds UTC; 0: unknown */
  int64_t end;      /* microseconds UTC; 0: none (give a duration) */
  int billable;     /* nonzero: billable; INIT sets 1 */
  const char *note; /* NULL: none; copied */
} ws_time_log;
#define WS_TIME_LOG_VERSION 1
#define WS_TIME_LOG_INIT \
  { WS_TIME_LOG_VERSION, 0, 0, {0, 0, 0}, 0, 0, 0, 1, NULL }

/* Writes an entry with the rates in force now; *out receives it.
 * WS_EINVAL for a duration outside 1 s..24 h, neither or both of a
 * duration and an end, or an end before the start; WS_EPRECONDITION when
 * the date is locked (the message names the lock); WS_EPERM for logging
 * another member's time without the right. */
WS_API int ws_log_time(ws_session *session, const ws_time_log *log,
                       ws_time_entry **out);
/* Writes `count` entries in one transaction, all or none: the import path
 * (one durable commit). `logs` is an array of `count` pointers (each log
 * keeps its own version). On WS_OK, *written (if not NULL) is `count`; on
 * an error nothing is written and the message names the failing log
 * ("logs[17]: ..."). Errors as ws_log_time. */
WS_API int ws_log_time_batch(ws_session *session,
                             const ws_time_log *const *logs, size_t count,
                             size_t *written);
WS_API int ws_time_entry_get(ws_session *session, int64_t id,
                             ws_time_entry **out);
/* Writes task, date, start, duration, billable and note; *entry is
 * refreshed. The stored rates are kept unless the entry moves to another
 * project's task. WS_EABORTED for a stale revision; WS_EPRECONDITION when
 * the old or the new date is locked. */
WS_API int ws_time_entry_update(ws_session *session, ws_time_entry *entry);
/* `revision` 0: do not check. WS_EPRECONDITION when locked. */
WS_API int ws_time_entry_delete(ws_session *session, int64_t id,
                                int64_t revision);
/* Owner and admin: re-prices (and re-rounds) the entries dated from..to of
 * `project` (0: every project) with the rates in force now. *changed (may
 * be NULL) receives how many changed. WS_EPRECONDITION when any of them is
 * locked. */
WS_API int ws_reprice_time_entries(ws_session *session, int64_t project,
                                   ws_date from, ws_date to, int64_t *changed);

WS_API int ws_time_entry_dup(const ws_time_entry *entry, ws_time_entry **out);
/* NULL-safe. */
WS_API void ws_time_entry_free(ws_time_entry *entry);

/* Which entries a list returns: every set field narrows it. Entries come
 * by (date, id). */
typedef struct ws_time_entry_filter {
  unsigned int version; /* WS_TIME_ENTRY_FILTER_VERSION */
  int64_t project;      /* 0: any */
  int64_t task;         /* 0: any */
  int64_t member;       /* 0: any */
  ws_date from;         /* year 0: unset; inclusive */
  ws_date to;           /* year 0: unset; inclusive */
  ws_billable billable;
  const char *tag; /* NULL: any; else a tag of the entry's task */
  int32_t limit;   /* page size 1..WS_MAX_PAGE_SIZE; 0: default */
} ws_time_entry_filter;
#define WS_TIME_ENTRY_FILTER_VERSION 1
#define WS_TIME_ENTRY_FILTER_INIT                                \
  {                                                              \
    WS_TIME_ENTRY_FILTER_VERSION, 0, 0, 0, {0, 0, 0}, {0, 0, 0}, \
        WS_BILLABLE_ANY, NULL, 0                                 \
  }

/* One page of the entries the actor may see; paging as ws_list_tasks.
 * `filter` may be NULL. */
WS_API int ws_list_time_entries(ws_session *session,
                                const ws_time_entry_filter *filter,
                                const char *page_token,
                                ws_time_entry_page **out);
WS_API size_t ws_time_entry_page_count(const ws_time_entry_page *page);
/* Borrowed from the page; NULL when i is out of range. */
WS_API const ws_time_entry *ws_time_entry_page_at(
    const ws_time_entry_page *page, size_t i);
/* "" on the last page; borrowed from the page. */
WS_API const char *ws_time_entry_page_next_token(
    const ws_time_entry_page *page);
/* NULL-safe. */
WS_API void ws_time_entry_page_free(ws_time_entry_page *page);

/* Every matching entry, a page (filter->limit) at a time; the same rules
 * as ws_task_iter. */
WS_API int ws_time_entry_iter_new(ws_session *session,
                                  const ws_time_entry_filter *filter,
                                  ws_time_entry_iter **out);
/* WS_OK with *entry set (borrowed until the next call or the free), or
 * WS_DONE (*entry = NULL) at the end, or an error (retry or free). */
WS_API int ws_time_entry_iter_next(ws_time_entry_iter *iter,
                                   const ws_time_entry **entry);
/* NULL-safe. */
WS_API void ws_time_entry_iter_free(ws_time_entry_iter *iter);

WS_API int64_t ws_time_entry_id(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_revision(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_task(const ws_time_entry *entry);
/* The task's project. */
WS_API int64_t ws_time_entry_project(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_member(const ws_time_entry *entry);
/* In the workspace time zone. */
WS_API ws_date ws_time_entry_date(const ws_time_entry *entry);
WS_API int ws_time_entry_has_start(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_start(const ws_time_entry *entry);
/* Raw seconds, 1..86400. */
WS_API int64_t ws_time_entry_duration(const ws_time_entry *entry);
/* Seconds: the duration rounded per the project when it was written. */
WS_API int64_t ws_time_entry_billed_duration(const ws_time_entry *entry);
WS_API int ws_time_entry_billable(const ws_time_entry *entry);
WS_API const char *ws_time_entry_note(const ws_time_entry *entry);
/* Per hour, in force when written; unset when money is hidden. */
WS_API int ws_time_entry_has_billing_rate(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_billing_rate(const ws_time_entry *entry);
WS_API int ws_time_entry_has_cost_rate(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_cost_rate(const ws_time_entry *entry);
/* round-half-up(billed seconds * billing rate / 3600); 0 when not
 * billable. Unset when money is hidden. */
WS_API int ws_time_entry_has_billed_amount(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_billed_amount(const ws_time_entry *entry);
/* round-half-up(raw seconds * cost rate / 3600). */
WS_API int ws_time_entry_has_labour_cost(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_labour_cost(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_created_at(const ws_time_entry *entry);
WS_API int64_t ws_time_entry_updated_at(const ws_time_entry *entry);

/* Setters for ws_time_entry_update (checked there). */
WS_API int ws_time_entry_set_revision(ws_time_entry *entry, int64_t revision);
WS_API int ws_time_entry_set_task(ws_time_entry *entry, int64_t task);
WS_API int ws_time_entry_set_date(ws_time_entry *entry, ws_date day);
WS_API int ws_time_entry_set_start(ws_time_entry *entry, int64_t start);
WS_API int ws_time_entry_clear_start(ws_time_entry *entry);
WS_API int ws_time_entry_set_duration(ws_time_entry *entry, int64_t seconds);
WS_API int ws_time_entry_set_billable(ws_time_entry *entry, int billable);
WS_API int ws_time_entry_set_note(ws_time_entry *entry, const char *note);

/* ------------------------------------------------------------------------
 * Timers: at most one running per member; stopping one writes a time
 * entry.
 * ------------------------------------------------------------------------ */

typedef struct ws_timer ws_timer;
typedef struct ws_timer_list ws_timer_list;

/* Starts the actor's timer on `task`; *out receives it. WS_EPRECONDITION
 * when one runs already, unless `stop_running` is nonzero, which first
 * stops it into a time entry. */
WS_API int ws_timer_start(ws_session *session, int64_t task, int stop_running,
                          ws_timer **out);
/* Stops the actor's timer into a time entry dated on the day it started;
 * *out receives the entry. `note` may be NULL. WS_EPRECONDITION when none
 * runs, or when it ran past 24 h and `cap_at_limit` is 0; nonzero caps the
 * entry at the workspace's forgotten-timer limit. */
WS_API int ws_timer_stop(ws_session *session, const char *note,
                         int cap_at_limit, ws_time_entry **out);
/* Discards the actor's timer. WS_EPRECONDITION when none runs. */
WS_API int ws_timer_cancel(ws_session *session);
/* The running timer of `member` (0: the actor; another member: owner and
 * admin only, else WS_EPERM). WS_OK with *out = NULL when none runs. */
WS_API int ws_timer_get(ws_session *session, int64_t member, ws_timer **out);
/* Owner and admin: every running timer, by member. */
WS_API int ws_list_timers(ws_session *session, ws_timer_list **out);
/* Timers running past the workspace's limit: every one for owner and
 * admin, the actor's own for anyone else. */
WS_API int ws_list_forgotten_timers(ws_session *session, ws_timer_list **out);
WS_API size_t ws_timer_list_count(const ws_timer_list *list);
/* Borrowed from the list; NULL when i is out of range. */
WS_API const ws_timer *ws_timer_list_at(const ws_timer_list *list, size_t i);
/* NULL-safe. */
WS_API void ws_timer_list_free(ws_timer_list *list);
WS_API int ws_timer_dup(const ws_timer *timer, ws_timer **out);
/* NULL-safe. */
WS_API void ws_timer_free(ws_timer *timer);

WS_API int64_t ws_timer_member(const ws_timer *timer);
WS_API int64_t ws_timer_task(const ws_timer *timer);
WS_API int64_t ws_timer_started_at(const ws_timer *timer);
/* 1 when running longer than the workspace's forgotten-timer limit. */
WS_API int ws_timer_forgotten(const ws_timer *timer);

/* ------------------------------------------------------------------------
 * Costs: an expense or an income line on a project or on one of its tasks.
 * Readable and writable only by those who may read the project's money.
 * ------------------------------------------------------------------------ */

typedef struct ws_cost ws_cost;
typedef struct ws_cost_list ws_cost_list;

/* 0 means "any" in filters. */
typedef enum ws_cost_kind {
  WS_COST_EXPENSE = 1,                /* counts against the money budget */
  WS_COST_INCOME = 2,                 /* fixed income; adds to the margin */
  WS_COST_KIND_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_cost_kind;

/* "expense", "income"; "" out of range. Static storage; never NULL. */
WS_API const char *ws_cost_kind_name(ws_cost_kind kind);

/* A blank expense to fill and pass to ws_cost_create. */
WS_API int ws_cost_new(ws_cost **out);
WS_API int ws_cost_dup(const ws_cost *cost, ws_cost **out);
/* NULL-safe. */
WS_API void ws_cost_free(ws_cost *cost);

/* Stores a new cost by the actor; *cost is refreshed. WS_EINVAL for an
 * amount <= 0; WS_EPRECONDITION when its date is locked. */
WS_API int ws_cost_create(ws_session *session, ws_cost *cost);
WS_API int ws_cost_get(ws_session *session, int64_t id, ws_cost **out);
/* Writes kind, amount, date and note; *cost is refreshed. WS_EABORTED for
 * a stale revision; WS_EPRECONDITION when the old or new date is locked. */
WS_API int ws_cost_update(ws_session *session, ws_cost *cost);
/* `revision` 0: do not check. */
WS_API int ws_cost_delete(ws_session *session, int64_t id, int64_t revision);

typedef struct ws_cost_filter {
  unsigned int version; /* WS_COST_FILTER_VERSION */
  int64_t project;      /* 0: any */
  int64_t task;         /* 0: any */
  ws_cost_kind kind;    /* 0: any */
  ws_date from;         /* year 0: unset; inclusive */
  ws_date to;           /* year 0: unset; inclusive */
} ws_cost_filter;
#define WS_COST_FILTER_VERSION 1
#define WS_COST_FILTER_INIT                                               \
  {                                                                       \
    WS_COST_FILTER_VERSION, 0, 0, (ws_cost_kind)0, {0, 0, 0}, { 0, 0, 0 } \
  }

/* The costs the actor may read, by date then id. `filter` may be NULL. */
WS_API int ws_list_costs(ws_session *session, const ws_cost_filter *filter,
                         ws_cost_list **out);
WS_API size_t ws_cost_list_count(const ws_cost_list *list);
/* Borrowed from the list; NULL when i is out of range. */
WS_API const ws_cost *ws_cost_list_at(const ws_cost_list *list, size_t i);
/* NULL-safe. */
WS_API void ws_cost_list_free(ws_cost_list *list);

WS_API int64_t ws_cost_id(const ws_cost *cost);
WS_API int64_t ws_cost_revision(const ws_cost *cost);
WS_API int64_t ws_cost_project(const ws_cost *cost);
/* 0: the project's own line. */
WS_API int64_t ws_cost_task(const ws_cost *cost);
WS_API ws_cost_kind ws_cost_kind_of(const ws_cost *cost);
/* Minor units, > 0. */
WS_API int64_t ws_cost_amount(const ws_cost *cost);
WS_API ws_date ws_cost_date(const ws_cost *cost);
WS_API const char *ws_cost_note(const ws_cost *cost);
WS_API int64_t ws_cost_author(const ws_cost *cost);
WS_API int64_t ws_cost_created_at(const ws_cost *cost);
WS_API int64_t ws_cost_updated_at(const ws_cost *cost);

WS_API int ws_cost_set_revision(ws_cost *cost, int64_t revision);
/* Project and task are read by ws_cost_create only; for a task's cost the
 * project may be left 0 (the task's project is used). */
WS_API int ws_cost_set_project(ws_cost *cost, int64_t project);
WS_API int ws_cost_set_task(ws_cost *cost, int64_t task); /* 0: none */
WS_API int ws_cost_set_kind(ws_cost *cost, ws_cost_kind kind);
WS_API int ws_cost_set_amount(ws_cost *cost, int64_t amount);
WS_API int ws_cost_set_date(ws_cost *cost, ws_date day);
WS_API int ws_cost_set_note(ws_cost *cost, const char *note);

/* ------------------------------------------------------------------------
 * Locked periods: time entries and costs dated on or before a day cannot
 * be created, changed or deleted, in one project or in the whole
 * workspace. Writes in a locked period fail with WS_EPRECONDITION and a
 * message naming the lock ("... is locked by lock 3 (project 1, through
 * 2024-02-29)").
 * ------------------------------------------------------------------------ */

typedef struct ws_lock ws_lock;
typedef struct ws_lock_list ws_lock_list;

/* Owner and admin: locks `project` (0: every project) through `through`,
 * inclusive; *out receives the lock. */
WS_API int ws_lock_period(ws_session *session, int64_t project, ws_date through,
                          ws_lock **out);
/* Owner and admin: removes a lock. */
WS_API int ws_unlock(ws_session *session, int64_t lock);
/* Every lock, by id. */
WS_API int ws_list_locks(ws_session *session, ws_lock_list **out);
WS_API size_t ws_lock_list_count(const ws_lock_list *list);
/* Borrowed from the list; NULL when i is out of range. */
WS_API const ws_lock *ws_lock_list_at(const ws_lock_list *list, size_t i);
/* NULL-safe. */
WS_API void ws_lock_list_free(ws_lock_list *list);
WS_API int ws_lock_dup(const ws_lock *lock, ws_lock **out);
/* NULL-safe. */
WS_API void ws_lock_free(ws_lock *lock);

WS_API int64_t ws_lock_id(const ws_lock *lock);
WS_API int64_t ws_lock_project(const ws_lock *lock); /* 0: every project */
WS_API ws_date ws_lock_through(const ws_lock *lock);
WS_API int64_t ws_lock_author(const ws_lock *lock);
WS_API int64_t ws_lock_created_at(const ws_lock *lock);

/* ------------------------------------------------------------------------
 * Budgets. Time used is the raw time logged; money used is the billed
 * amount of that time plus the expenses (income does not count).
 * ------------------------------------------------------------------------ */

typedef struct ws_budget ws_budget;
typedef struct ws_budget_alert ws_budget_alert;
typedef struct ws_budget_alert_list ws_budget_alert_list;

/* Usage of a project's budgets (all its time and costs). */
WS_API int ws_get_project_budget(ws_session *session, int64_t project,
                                 ws_budget **out);
/* Usage of a task's estimate and money budget (its own and its subtasks'
 * time and costs). */
WS_API int ws_get_task_budget(ws_session *session, int64_t task,
                              ws_budget **out);
/* NULL-safe. */
WS_API void ws_budget_free(ws_budget *budget);

/* Seconds. The time budget (the task's estimate) is unset when none is
 * set; remaining and percent then too. Remaining is negative when
 * overrun; percent is used / budget * 100. */
WS_API int ws_budget_has_time_budget(const ws_budget *budget);
WS_API int64_t ws_budget_time_budget(const ws_budget *budget);
WS_API int64_t ws_budget_time_used(const ws_budget *budget);
WS_API int ws_budget_has_time_remaining(const ws_budget *budget);
WS_API int64_t ws_budget_time_remaining(const ws_budget *budget);
WS_API int ws_budget_has_time_percent(const ws_budget *budget);
WS_API double ws_budget_time_percent(const ws_budget *budget);
/* Money fields: unset without a money budget or when the actor may not
 * read money. */
WS_API int ws_budget_has_money_budget(const ws_budget *budget);
WS_API int64_t ws_budget_money_budget(const ws_budget *budget);
WS_API int ws_budget_has_money_used(const ws_budget *budget);
WS_API int64_t ws_budget_money_used(const ws_budget *budget);
WS_API int ws_budget_has_money_remaining(const ws_budget *budget);
WS_API int64_t ws_budget_money_remaining(const ws_budget *budget);
WS_API int ws_budget_has_money_percent(const ws_budget *budget);
WS_API double ws_budget_money_percent(const ws_budget *budget);

typedef enum ws_budget_kind {
  WS_BUDGET_TIME = 1,
  WS_BUDGET_MONEY = 2,
  WS_BUDGET_KIND_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_budget_kind;

/* The 80% and 100% crossings recorded for a project and its tasks, each
 * the first time it happened. */
WS_API int ws_list_budget_alerts(ws_session *session, int64_t project,
                                 ws_budget_alert_list **out);
WS_API size_t ws_budget_alert_list_count(const ws_budget_alert_list *list);
/* Borrowed from the list; NULL when i is out of range. */
WS_API const ws_budget_alert *ws_budget_alert_list_at(
    const ws_budget_alert_list *list, size_t i);
/* NULL-safe. */
WS_API void ws_budget_alert_list_free(ws_budget_alert_list *list);

WS_API int64_t ws_budget_alert_project(const ws_budget_alert *alert);
/* 0: the project's own budget. */
WS_API int64_t ws_budget_alert_task(const ws_budget_alert *alert);
WS_API ws_budget_kind ws_budget_alert_kind(const ws_budget_alert *alert);
/* 80 or 100. */
WS_API int ws_budget_alert_percent(const ws_budget_alert *alert);
WS_API int64_t ws_budget_alert_crossed_at(const ws_budget_alert *alert);

/* ------------------------------------------------------------------------
 * Reports. Each run returns an object holding rows to walk by index
 * (count + at); rows and the values they hand out are borrowed from the
 * report and live until it is freed. Every report obeys the actor's
 * permissions: when the actor may not read money, money fields are unset
 * (has_ gives 0), never zero, and exports leave them out.
 * ------------------------------------------------------------------------ */

typedef struct ws_time_report ws_time_report;
typedef struct ws_report_row ws_report_row;
typedef struct ws_overdue_report ws_overdue_report;
typedef struct ws_overdue_row ws_overdue_row;
typedef struct ws_project_health_list ws_project_health_list;
typedef struct ws_project_health ws_project_health;
typedef struct ws_workload ws_workload;
typedef struct ws_workload_row ws_workload_row;
typedef struct ws_digest ws_digest;
typedef struct ws_digest_entry ws_digest_entry;

/* An owned blob: bytes and their size, always followed by a NUL byte (not
 * counted), so text can be read as a C string. Free with ws_buf_free. */
typedef struct ws_buf ws_buf;
/* Borrowed from the buffer; "" for NULL. */
WS_API const char *ws_buf_data(const ws_buf *buf);
/* 0 for NULL. */
WS_API size_t ws_buf_size(const ws_buf *buf);
/* NULL-safe. */
WS_API void ws_buf_free(ws_buf *buf);

/* A grouping level of the time report. */
typedef enum ws_report_group {
  WS_GROUP_PROJECT = 1,
  WS_GROUP_TASK = 2,
  WS_GROUP_MEMBER = 3,
  WS_GROUP_TAG = 4, /* an entry counts under each tag of its task */
  WS_GROUP_DAY = 5,
  WS_GROUP_WEEK = 6,                     /* ISO weeks, keyed by their Monday */
  WS_GROUP_MONTH = 7,                    /* keyed by the 1st */
  WS_REPORT_GROUP_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_report_group;

/* "project", "task", "member", "tag", "day", "week", "month"; "" out of
 * range. Static storage; never NULL. */
WS_API const char *ws_report_group_name(ws_report_group group);

/* What the time report sums. Arrays are read during the call only; a NULL
 * array needs a count of 0. */
typedef struct ws_time_report_query {
  unsigned int version;    /* WS_TIME_REPORT_QUERY_VERSION */
  ws_date from;            /* year 0: unset; inclusive */
  ws_date to;              /* year 0: unset; inclusive */
  const int64_t *projects; /* none: every project the actor reads */
  size_t project_count;
  const int64_t *members; /* none: everyone */
  size_t member_count;
  const int64_t *tasks; /* none: every task */
  size_t task_count;
  const char *const *tags; /* none: every entry; else any of these tags */
  size_t tag_count;
  ws_billable billable;
  /* Grouping levels, outermost first; none: the total only. */
  const ws_report_group *group_by;
  size_t group_count;
} ws_time_report_query;
#define WS_TIME_REPORT_QUERY_VERSION 1
#define WS_TIME_REPORT_QUERY_INIT                                         \
  {                                                                       \
    WS_TIME_REPORT_QUERY_VERSION, {0, 0, 0}, {0, 0, 0}, NULL, 0, NULL, 0, \
        NULL, 0, NULL, 0, WS_BILLABLE_ANY, NULL, 0                        \
  }

/* Time and money by the query's levels. `query` may be NULL (everything,
 * total only). WS_EINVAL for from after to or a bad group. */
WS_API int ws_run_time_report(ws_session *session,
                              const ws_time_report_query *query,
                              ws_time_report **out);
/* NULL-safe. */
WS_API void ws_time_report_free(ws_time_report *report);
/* The grouping levels (each row has one key per level). */
WS_API size_t ws_time_report_level_count(const ws_time_report *report);
/* 0 when level is out of range. */
WS_API ws_report_group ws_time_report_level(const ws_time_report *report,
                                            size_t level);
/* Rows ordered by keys, level by level (ids and periods ascending, tags by
 * name). */
WS_API size_t ws_time_report_row_count(const ws_time_report *report);
/* Borrowed from the report; NULL when i is out of range. */
WS_API const ws_report_row *ws_time_report_row(const ws_time_report *report,
                                               size_t i);
/* The totals as a row without keys; NULL only for a NULL report. */
WS_API const ws_report_row *ws_time_report_total(const ws_time_report *report);
/* 1 when the report carries money (the actor may read it). */
WS_API int ws_time_report_money_visible(const ws_time_report *report);
/* The workspace's currency and time zone. */
WS_API const char *ws_time_report_currency(const ws_time_report *report);
WS_API const char *ws_time_report_time_zone(const ws_time_report *report);

/* A row's key at `level` (out of range: 0, "" or a zero date). */
WS_API size_t ws_report_row_key_count(const ws_report_row *row);
WS_API ws_report_group ws_report_row_key_group(const ws_report_row *row,
                                               size_t level);
/* The project, task or member id. */
WS_API int64_t ws_report_row_key_id(const ws_report_row *row, size_t level);
/* WS_GROUP_TAG: the tag ("" for entries whose task has none). */
WS_API const char *ws_report_row_key_tag(const ws_report_row *row,
                                         size_t level);
/* Day: the day; week: its Monday; month: the 1st. */
WS_API ws_date ws_report_row_key_period(const ws_report_row *row, size_t level);
/* For display: the name or title, the tag, "2026-11-24", "2026-W48",
 * "2026-11". */
WS_API const char *ws_report_row_key_label(const ws_report_row *row,
                                           size_t level);
/* Raw seconds; billed seconds of billable entries; entries. */
WS_API int64_t ws_report_row_seconds(const ws_report_row *row);
WS_API int64_t ws_report_row_billable_seconds(const ws_report_row *row);
WS_API int64_t ws_report_row_entry_count(const ws_report_row *row);
/* Money: unset when hidden. margin = billed_amount - labour_cost. */
WS_API int ws_report_row_has_billed_amount(const ws_report_row *row);
WS_API int64_t ws_report_row_billed_amount(const ws_report_row *row);
WS_API int ws_report_row_has_labour_cost(const ws_report_row *row);
WS_API int64_t ws_report_row_labour_cost(const ws_report_row *row);
WS_API int ws_report_row_has_margin(const ws_report_row *row);
WS_API int64_t ws_report_row_margin(const ws_report_row *row);

/* --- Overdue and due soon --- */

typedef struct ws_overdue_query {
  unsigned int version; /* WS_OVERDUE_QUERY_VERSION */
  int64_t assignee;     /* 0: any */
  int64_t author;       /* 0: any */
  int64_t project;      /* 0: any */
  /* Also open tasks due within this many days (0: only the late ones). */
  int32_t due_within_days;
  ws_date as_of; /* year 0: today */
} ws_overdue_query;
#define WS_OVERDUE_QUERY_VERSION 1
#define WS_OVERDUE_QUERY_INIT                         \
  {                                                   \
    WS_OVERDUE_QUERY_VERSION, 0, 0, 0, 0, { 0, 0, 0 } \
  }

/* `query` may be NULL (every late task the actor sees, as of today). */
WS_API int ws_run_overdue_report(ws_session *session,
                                 const ws_overdue_query *query,
                                 ws_overdue_report **out);
/* NULL-safe. */
WS_API void ws_overdue_report_free(ws_overdue_report *report);
WS_API ws_date ws_overdue_report_as_of(const ws_overdue_report *report);
/* Late first, most days late first, then higher priority, then id. */
WS_API size_t ws_overdue_report_row_count(const ws_overdue_report *report);
/* Borrowed from the report; NULL when i is out of range. */
WS_API const ws_overdue_row *ws_overdue_report_row(
    const ws_overdue_report *report, size_t i);

/* The task, borrowed from the row (read it with ws_task_*). NULL only for
 * a NULL row. */
WS_API const ws_task *ws_overdue_row_task(const ws_overdue_row *row);
WS_API const char *ws_overdue_row_project_name(const ws_overdue_row *row);
/* "" when unassigned. */
WS_API const char *ws_overdue_row_assignee_name(const ws_overdue_row *row);
WS_API const char *ws_overdue_row_author_name(const ws_overdue_row *row);
/* Days since the deadline's day: > 0 late, 0 due today, < 0 due in that
 * many days. */
WS_API int ws_overdue_row_days_late(const ws_overdue_row *row);
/* 1 when the deadline has passed. */
WS_API int ws_overdue_row_late(const ws_overdue_row *row);

/* --- Project health --- */

typedef struct ws_project_health_query {
  unsigned int version;    /* WS_PROJECT_HEALTH_QUERY_VERSION */
  const int64_t *projects; /* none: every project the actor reads */
  size_t project_count;
  int include_archived;
} ws_project_health_query;
#define WS_PROJECT_HEALTH_QUERY_VERSION 1
#define WS_PROJECT_HEALTH_QUERY_INIT \
  { WS_PROJECT_HEALTH_QUERY_VERSION, NULL, 0, 0 }

/* One ws_project_health per project. `query` may be NULL. */
WS_API int ws_run_project_health(ws_session *session,
                                 const ws_project_health_query *query,
                                 ws_project_health_list **out);
/* NULL-safe. */
WS_API void ws_project_health_list_free(ws_project_health_list *list);
WS_API size_t ws_project_health_list_count(const ws_project_health_list *list);
/* Borrowed from the list; NULL when i is out of range. */
WS_API const ws_project_health *ws_project_health_list_at(
    const ws_project_health_list *list, size_t i);

/* The project, borrowed from the row. */
WS_API const ws_project *ws_project_health_project(
    const ws_project_health *health);
WS_API int64_t ws_project_health_tasks_open(const ws_project_health *health);
WS_API int64_t ws_project_health_tasks_done(const ws_project_health *health);
WS_API int64_t ws_project_health_tasks_overdue(const ws_project_health *health);
/* 0..100, by count. */
WS_API double ws_project_health_percent_done(const ws_project_health *health);
/* Done estimate over all estimate; unset without estimates. */
WS_API int ws_project_health_has_percent_done_by_estimate(
    const ws_project_health *health);
WS_API double ws_project_health_percent_done_by_estimate(
    const ws_project_health *health);
/* The open task due first (0: none) and its deadline. */
WS_API int64_t
ws_project_health_nearest_deadline_task(const ws_project_health *health);
WS_API int ws_project_health_has_nearest_deadline(
    const ws_project_health *health);
WS_API ws_date
ws_project_health_nearest_deadline(const ws_project_health *health);
/* Minutes after midnight, or WS_END_OF_DAY (also when unset). */
WS_API int ws_project_health_nearest_deadline_minute(
    const ws_project_health *health);
/* The project's budget usage, borrowed from the row. */
WS_API const ws_budget *ws_project_health_budget(
    const ws_project_health *health);
/* Money, unset when hidden. margin = billed + income - labour - expenses. */
WS_API int ws_project_health_has_billed(const ws_project_health *health);
WS_API int64_t ws_project_health_billed(const ws_project_health *health);
WS_API int ws_project_health_has_labour_cost(const ws_project_health *health);
WS_API int64_t ws_project_health_labour_cost(const ws_project_health *health);
WS_API int ws_project_health_has_expenses(const ws_project_health *health);
WS_API int64_t ws_project_health_expenses(const ws_project_health *health);
WS_API int ws_project_health_has_income(const ws_project_health *health);
WS_API int64_t ws_project_health_income(const ws_project_health *health);
WS_API int ws_project_health_has_margin(const ws_project_health *health);
WS_API int64_t ws_project_health_margin(const ws_project_health *health);
/* The latest change in the project (microseconds UTC). */
WS_API int ws_project_health_has_last_activity(const ws_project_health *health);
WS_API int64_t ws_project_health_last_activity(const ws_project_health *health);

/* --- Workload --- */

typedef struct ws_workload_query {
  unsigned int version;   /* WS_WORKLOAD_QUERY_VERSION */
  ws_date from;           /* of the hours logged; year 0: unset */
  ws_date to;             /* year 0: unset */
  const int64_t *members; /* none: every active member but clients */
  size_t member_count;
} ws_workload_query;
#define WS_WORKLOAD_QUERY_VERSION 1
#define WS_WORKLOAD_QUERY_INIT \
  { WS_WORKLOAD_QUERY_VERSION, {0, 0, 0}, {0, 0, 0}, NULL, 0 }

/* One row per member. `query` may be NULL. */
WS_API int ws_run_workload(ws_session *session, const ws_workload_query *query,
                           ws_workload **out);
/* NULL-safe. */
WS_API void ws_workload_free(ws_workload *workload);
WS_API size_t ws_workload_row_count(const ws_workload *workload);
/* Borrowed from the workload; NULL when i is out of range. */
WS_API const ws_workload_row *ws_workload_row_at(const ws_workload *workload,
                                                 size_t i);
WS_API int64_t ws_workload_row_member(const ws_workload_row *row);
WS_API const char *ws_workload_row_member_name(const ws_workload_row *row);
WS_API int64_t ws_workload_row_open_tasks(const ws_workload_row *row);
WS_API int64_t ws_workload_row_overdue_tasks(const ws_workload_row *row);
/* Seconds: the estimates of their open tasks. */
WS_API int64_t ws_workload_row_estimate_left(const ws_workload_row *row);
/* Seconds logged in the query's period. */
WS_API int64_t ws_workload_row_seconds_logged(const ws_workload_row *row);

/* --- The Friday digest --- */

typedef struct ws_digest_query {
  unsigned int version;   /* WS_DIGEST_QUERY_VERSION */
  const int64_t *members; /* none: every active member */
  size_t member_count;
  ws_date as_of; /* year 0: today */
} ws_digest_query;
#define WS_DIGEST_QUERY_VERSION 1
#define WS_DIGEST_QUERY_INIT                      \
  {                                               \
    WS_DIGEST_QUERY_VERSION, NULL, 0, { 0, 0, 0 } \
  }

/* Per member: late tasks received and set, tasks due this week, forgotten
 * timers. Members with nothing to report are left out. `query` may be
 * NULL. */
WS_API int ws_run_digest(ws_session *session, const ws_digest_query *query,
                         ws_digest **out);
/* NULL-safe. */
WS_API void ws_digest_free(ws_digest *digest);
WS_API ws_date ws_digest_as_of(const ws_digest *digest);
WS_API const char *ws_digest_time_zone(const ws_digest *digest);
/* By member id. */
WS_API size_t ws_digest_entry_count(const ws_digest *digest);
/* Borrowed from the digest; NULL when i is out of range. */
WS_API const ws_digest_entry *ws_digest_entry_at(const ws_digest *digest,
                                                 size_t i);
WS_API int64_t ws_digest_entry_member(const ws_digest_entry *entry);
WS_API const char *ws_digest_entry_member_name(const ws_digest_entry *entry);
/* Late tasks assigned to the member; late tasks they set for others; their
 * tasks due in the next 7 days. Rows borrowed from the digest; NULL when i
 * is out of range. */
WS_API size_t
ws_digest_entry_received_overdue_count(const ws_digest_entry *entry);
WS_API const ws_overdue_row *ws_digest_entry_received_overdue(
    const ws_digest_entry *entry, size_t i);
WS_API size_t ws_digest_entry_set_overdue_count(const ws_digest_entry *entry);
WS_API const ws_overdue_row *ws_digest_entry_set_overdue(
    const ws_digest_entry *entry, size_t i);
WS_API size_t ws_digest_entry_due_this_week_count(const ws_digest_entry *entry);
WS_API const ws_overdue_row *ws_digest_entry_due_this_week(
    const ws_digest_entry *entry, size_t i);
/* Their forgotten timers, and "Project / Task title" of each. */
WS_API size_t
ws_digest_entry_forgotten_timer_count(const ws_digest_entry *entry);
WS_API const ws_timer *ws_digest_entry_forgotten_timer(
    const ws_digest_entry *entry, size_t i);
WS_API const char *ws_digest_entry_forgotten_timer_task(
    const ws_digest_entry *entry, size_t i);

/* The digest as plain text or Markdown, ready to post in a chat. */
WS_API int ws_digest_render_text(const ws_digest *digest, ws_buf **out);
WS_API int ws_digest_render_markdown(const ws_digest *digest, ws_buf **out);

/* ------------------------------------------------------------------------
 * Exports: a report as CSV, XLSX or JSON, into a ws_buf or a file. They
 * render what the report holds and nothing more: a report without money
 * has no money columns or fields. Money is in major units with the
 * currency's decimals in CSV and XLSX, in integer minor units (as JSON
 * strings, per the protobuf JSON mapping) in JSON. Days are "YYYY-MM-DD";
 * instants UTC.
 *
 * The *_write_* functions write a temporary file beside `path` and rename
 * it over `path`: on failure `path` is left as it was. Their errors:
 * WS_ENOTFOUND (no such directory), WS_EPERM, other codes mapped from
 * errno, WS_EINTERNAL (the renderer failed); WS_EINVAL for a NULL argument
 * or a bad options version. Exports read the report only: several threads
 * may export one report at once.
 * ------------------------------------------------------------------------ */

typedef enum ws_csv_separator {
  WS_CSV_COMMA = 0,
  WS_CSV_SEMICOLON = 1, /* what Excel expects where the decimal mark is ',' */
  WS_CSV_SEPARATOR_MAX_ENUM_ = 0x7FFFFFFF /* every int is a value; never used */
} ws_csv_separator;

/* CSV (RFC 4180): UTF-8, CRLF line ends, a header row first. */
typedef struct ws_csv_options {
  unsigned int version; /* WS_CSV_OPTIONS_VERSION */
  ws_csv_separator separator;
  /* Nonzero: start with a UTF-8 byte order mark (EF BB BF), so that Excel
   * reads the file as UTF-8. */
  int bom;
  /* Nonzero: decimals as "1,50"; pair with WS_CSV_SEMICOLON. */
  int decimal_comma;
  /* Nonzero: prefix text fields starting with '=', '+', '-', '@', TAB or CR
   * with a single quote, so spreadsheets never run them as formulas. */
  int neutralize_formulas;
  /* ISO 4217 code deciding the decimals of reports that do not carry their
   * currency (project health); NULL: 2 decimals. */
  const char *currency;
} ws_csv_options;
#define WS_CSV_OPTIONS_VERSION 1
#define WS_CSV_OPTIONS_INIT \
  { WS_CSV_OPTIONS_VERSION, WS_CSV_COMMA, 0, 0, 0, NULL }

/* XLSX: one typed sheet per report (dates, [h]:mm durations, money with
 * the currency code), a bold header row with frozen panes. */
typedef struct ws_xlsx_options {
  unsigned int version; /* WS_XLSX_OPTIONS_VERSION */
  const char *currency; /* as in ws_csv_options */
  int chart;            /* nonzero: the time report's chart; INIT sets 1 */
} ws_xlsx_options;
#define WS_XLSX_OPTIONS_VERSION 1
#define WS_XLSX_OPTIONS_INIT \
  { WS_XLSX_OPTIONS_VERSION, NULL, 1 }

/* JSON: protobuf's JSON mapping of proto/worksection/v1/report.proto. */
typedef struct ws_json_options {
  unsigned int version; /* WS_JSON_OPTIONS_VERSION */
  int pretty;           /* nonzero: indent and break lines */
  /* Written as the `currency` of a project health list; NULL: left out. */
  const char *currency;
} ws_json_options;
#define WS_JSON_OPTIONS_VERSION 1
#define WS_JSON_OPTIONS_INIT \
  { WS_JSON_OPTIONS_VERSION, 0, NULL }

/* For each report: CSV, XLSX and JSON into a new buffer (*out, free with
 * ws_buf_free), or into the file `path`. `options` may be NULL (the INIT
 * values). JSON fails with WS_EINVAL for a text that is not UTF-8. */
WS_API int ws_time_report_csv(const ws_time_report *report,
                              const ws_csv_options *options, ws_buf **out);
WS_API int ws_time_report_xlsx(const ws_time_report *report,
                               const ws_xlsx_options *options, ws_buf **out);
WS_API int ws_time_report_json(const ws_time_report *report,
                               const ws_json_options *options, ws_buf **out);
WS_API int ws_time_report_write_csv(const ws_time_report *report,
                                    const char *path,
                                    const ws_csv_options *options);
WS_API int ws_time_report_write_xlsx(const ws_time_report *report,
                                     const char *path,
                                     const ws_xlsx_options *options);
WS_API int ws_time_report_write_json(const ws_time_report *report,
                                     const char *path,
                                     const ws_json_options *options);

WS_API int ws_overdue_report_csv(const ws_overdue_report *report,
                                 const ws_csv_options *options, ws_buf **out);
WS_API int ws_overdue_report_xlsx(const ws_overdue_report *report,
                                  const ws_xlsx_options *options, ws_buf **out);
WS_API int ws_overdue_report_json(const ws_overdue_report *report,
                                  const ws_json_options *options, ws_buf **out);
WS_API int ws_overdue_report_write_csv(const ws_overdue_report *report,
                                       const char *path,
                                       const ws_csv_options *options);
WS_API int ws_overdue_report_write_xlsx(const ws_overdue_report *report,
                                        const char *path,
                                        const ws_xlsx_options *options);
WS_API int ws_overdue_report_write_json(const ws_overdue_report *report,
                                        const char *path,
                                        const ws_json_options *options);

WS_API int ws_project_health_list_csv(const ws_project_health_list *list,
                                      const ws_csv_options *options,
                                      ws_buf **out);
WS_API int ws_project_health_list_xlsx(const ws_project_health_list *list,
                                       const ws_xlsx_options *options,
                                       ws_buf **out);
WS_API int ws_project_health_list_json(const ws_project_health_list *list,
                                       const ws_json_options *options,
                                       ws_buf **out);
WS_API int ws_project_health_list_write_csv(const ws_project_health_list *list,
                                            const char *path,
                                            const ws_csv_options *options);
WS_API int ws_project_health_list_write_xlsx(const ws_project_health_list *list,
                                             const char *path,
                                             const ws_xlsx_options *options);
WS_API int ws_project_health_list_write_json(const ws_project_health_list *list,
                                             const char *path,
                                             const ws_json_options *options);

WS_API int ws_workload_csv(const ws_workload *workload,
                           const ws_csv_options *options, ws_buf **out);
WS_API int ws_workload_xlsx(const ws_workload *workload,
                            const ws_xlsx_options *options, ws_buf **out);
WS_API int ws_workload_json(const ws_workload *workload,
                            const ws_json_options *options, ws_buf **out);
WS_API int ws_workload_write_csv(const ws_workload *workload, const char *path,
                                 const ws_csv_options *options);
WS_API int ws_workload_write_xlsx(const ws_workload *workload, const char *path,
                                  const ws_xlsx_options *options);
WS_API int ws_workload_write_json(const ws_workload *workload, const char *path,
                                  const ws_json_options *options);

/* The digest exports as JSON only (render it as text with
 * ws_digest_render_text). */
WS_API int ws_digest_json(const ws_digest *digest,
                          const ws_json_options *options, ws_buf **out);
WS_API int ws_digest_write_json(const ws_digest *digest, const char *path,
                                const ws_json_options *options);

/* ------------------------------------------------------------------------
 * The change feed (docs/c-api.md, "Change feed"): every committed change as
 * an event, numbered from 1 in commit order with no gaps. A consumer stores
 * the last sequence number it handled and resumes after it; it then never
 * misses nor sees twice a change. Each reader gets only what it may see: a
 * client never receives a hidden task or comment, nor a money field.
 * An event's field changes (old and new values) come as JSON text; the
 * whole event also as a serialized worksection.v1.Event
 * (proto/worksection/v1/event.proto). */

typedef struct ws_event ws_event;
typedef struct ws_event_page ws_event_page;
typedef struct ws_subscription ws_subscription;

typedef enum ws_entity_type {
  WS_ENTITY_WORKSPACE = 1, /* the settings; entity id 0 */
  WS_ENTITY_MEMBER = 2,
  WS_ENTITY_PROJECT = 3,
  WS_ENTITY_TASK = 4,
  WS_ENTITY_COMMENT = 5,
  WS_ENTITY_TIME_ENTRY = 6,
  WS_ENTITY_TIMER = 7, /* entity id: the member whose timer it is */
  WS_ENTITY_COST = 8,
  WS_ENTITY_LOCK = 9,
  WS_ENTITY_BUDGET_ALERT = 10 /* entity id 0; see project and task */
} ws_entity_type;

typedef enum ws_event_action {
  WS_EVENT_CREATED = 1,
  WS_EVENT_UPDATED = 2,
  WS_EVENT_DELETED = 3,
  WS_EVENT_COMPLETED = 4,   /* a task: open -> done */
  WS_EVENT_REOPENED = 5,    /* a task: done -> open */
  WS_EVENT_MOVED = 6,       /* a task changed project */
  WS_EVENT_ARCHIVED = 7,    /* a project */
  WS_EVENT_DEACTIVATED = 8, /* a member */
  WS_EVENT_REACTIVATED = 9, /* a member */
  WS_EVENT_STARTED = 10,    /* a timer */
  WS_EVENT_STOPPED = 11,    /* a timer: stopped into an entry, or cancelled */
  WS_EVENT_BUDGET_THRESHOLD_CROSSED = 12,
  /* Many entities created by one call (the time entries of one task in a
   * ws_log_time_batch): ws_event_entity_id_at lists them, the entity id is
   * 0 and there are no changes; read their values with ws_time_entry_get. */
  WS_EVENT_BATCH_CREATED = 13
} ws_event_action;

/* "task", "time_entry", ...; "created", "budget_threshold_crossed", ...;
 * "?" for a value out of range. Static strings. */
WS_API const char *ws_entity_type_name(ws_entity_type type);
WS_API const char *ws_event_action_name(ws_event_action action);

/* The events committed after `after_seq` (0: from the start) that the
 * session's actor may see, examining at most `limit` events (1..1000; 0
 * means 100). Free *out with ws_event_page_free. Resume with
 * ws_event_page_last_seq. WS_EINVAL for a negative after_seq or a limit
 * out of range. Events of other processes on the same store are included. */
WS_API int ws_changes_since(ws_session *session, int64_t after_seq, int limit,
                            ws_event_page **out);
WS_API size_t ws_event_page_count(const ws_event_page *page);
/* Borrowed from the page; NULL when i is out of range. */
WS_API const ws_event *ws_event_page_at(const ws_event_page *page, size_t i);
/* The seq to resume after: the last one examined, which may be past the
 * last event returned when later ones were not for this actor. */
WS_API int64_t ws_event_page_last_seq(const ws_event_page *page);
/* 1 when more events were committed after ws_event_page_last_seq. */
WS_API int ws_event_page_has_more(const ws_event_page *page);
/* NULL-safe. */
WS_API void ws_event_page_free(ws_event_page *page);

WS_API int64_t ws_event_seq(const ws_event *event);
WS_API int64_t ws_event_at(const ws_event *event);    /* microseconds UTC */
WS_API int64_t ws_event_actor(const ws_event *event); /* 0: the setup */
WS_API ws_entity_type ws_event_entity_type(const ws_event *event);
WS_API int64_t ws_event_entity_id(const ws_event *event);
WS_API int64_t ws_event_project(const ws_event *event); /* 0: none */
WS_API int64_t ws_event_task(const ws_event *event);    /* 0: none */
WS_API ws_event_action ws_event_action_of(const ws_event *event);
/* 1 when the entity or its task was hidden from clients. */
WS_API int ws_event_hidden_from_clients(const ws_event *event);
/* 1 when this change unhid a task from clients (a client gets the changes
 * with their new values only), or hid it (a client gets only the
 * hidden_from_clients change). */
WS_API int ws_event_revealed_to_clients(const ws_event *event);
WS_API int ws_event_concealed_from_clients(const ws_event *event);
/* For WS_EVENT_BATCH_CREATED: how many entities were created, and the id
 * of the i-th (ascending; 0 when i is out of range). 0 for other events. */
WS_API size_t ws_event_entity_id_count(const ws_event *event);
WS_API int64_t ws_event_entity_id_at(const ws_event *event, size_t i);
/* The changed fields, by name ("title", "billing_rate", ...). */
WS_API size_t ws_event_change_count(const ws_event *event);
/* Borrowed from the event; "" when i is out of range. */
WS_API const char *ws_event_change_field(const ws_event *event, size_t i);
/* The whole event as one line of JSON (the protobuf JSON mapping of
 * worksection.v1.Event with its field names), with old and new values.
 * Borrowed from the event. */
WS_API const char *ws_event_json(const ws_event *event);
/* The event as a serialized worksection.v1.Event: sets *data (borrowed from
 * the event) and *size. WS_EINVAL for a NULL argument. */
WS_API int ws_event_proto(const ws_event *event, const void **data,
                          size_t *size);

/* Called with the events of one commit that the subscriber may see (count
 * >= 1, by seq), borrowed for the call only. */
typedef void (*ws_event_fn)(void *user_data, const ws_event *const *events,
                            size_t count);

/* Calls `fn(user_data, ...)` after each commit made through `workspace`,
 * on the committing thread, outside any transaction: `fn` may call the
 * library, writes included (their events come re-entrantly). Events
 * committed by another process or another ws_workspace on the same store
 * are not pushed: read them with ws_changes_since. Nothing is delivered
 * while the member is deactivated. Free *out with ws_subscription_free.
 * WS_ENOTFOUND for an unknown member; WS_EINVAL for a NULL fn. The
 * workspace must outlive the subscription. */
WS_API int ws_subscribe(ws_workspace *workspace, int64_t member, ws_event_fn fn,
                        void *user_data, ws_subscription **out);
/* Unsubscribes: once it returns, `fn` is not running on another thread and
 * is never called again. May be called from inside `fn`. NULL-safe. */
WS_API void ws_subscription_free(ws_subscription *subscription);

/* ------------------------------------------------------------------------
 * Snapshots and imports (docs/c-api.md, "Snapshots and imports";
 * docs/snapshots.md, docs/imports.md).
 *
 * A snapshot is a whole workspace in one blob, to back it up or move it to
 * another store: settings, every member, project, task, comment, time entry,
 * timer, cost, lock and budget alert with its id, revision and timestamps,
 * and the change feed. Two encodings of the same content: binary (starts
 * with WS_SNAPSHOT_MAGIC) and JSON (protobuf's JSON mapping of
 * worksection.v1.Snapshot). Both are deterministic: export -> import into
 * any store -> export gives identical bytes.
 *
 * The imports read what `task export` (Taskwarrior 2.6, 3.x) and `timew
 * export` (Timewarrior) print, as the session's member, through the same
 * permission checks as the calls they make. Every import runs in one
 * transaction: on any error nothing is imported. What cannot be carried
 * over as it was is imported as far as it can be and listed in the
 * ws_import_report, never dropped silently.
 *
 * Threads: each call is as thread-safe as the handle it takes (a
 * ws_workspace is, a ws_session is used by one thread at a time); a
 * ws_import_report is a plain value.
 * ------------------------------------------------------------------------ */

/* The first 8 bytes of a binary snapshot ("WSSNAP" CR LF). */
#define WS_SNAPSHOT_MAGIC "WSSNAP\r\n"
#define WS_SNAPSHOT_MAGIC_BYTES 8
/* The snapshot format version this library writes, and the newest it
 * reads. */
#define WS_SNAPSHOT_FORMAT_VERSION 1
/* Larger snapshots are refused (WS_EINVAL) before parsing: 1 GiB. */
#define WS_MAX_SNAPSHOT_BYTES ((size_t)1 << 30)

typedef enum ws_snapshot_format {
  WS_SNAPSHOT_BINARY = 1, /* WS_SNAPSHOT_MAGIC, then length-prefixed records */
  WS_SNAPSHOT_JSON = 2,   /* one JSON object, UTF-8, pretty-printed */
  WS_SNAPSHOT_FORMAT_MAX_ENUM_ =
      0x7FFFFFFF /* every int is a value; never used */
} ws_snapshot_format;

/* Called as an import proceeds with how many items are done out of
 * `total` (total may grow once, when it becomes known), on the calling
 * thread, from inside the import's transaction: it must not call the
 * library on the same store (a write would wait for the import itself and
 * fail with WS_EUNAVAILABLE). May be NULL: no progress. */
typedef void (*ws_progress_fn)(void *user_data, int64_t done, int64_t total);

/* The whole workspace as a snapshot in `format`, read in one transaction,
 * into a new buffer (*out, free with ws_buf_free; JSON is also a C string).
 * Owners and admins only. Errors: WS_EINVAL (NULL, a format out of range),
 * WS_EPERM (any other role), WS_EUNAVAILABLE (the store stayed busy). */
WS_API int ws_export_snapshot(ws_session *session, ws_snapshot_format format,
                              ws_buf **out);

/* Restores a snapshot, binary or JSON (told apart by WS_SNAPSHOT_MAGIC),
 * of `size` bytes at `data` (copied as needed; need not be NUL-terminated)
 * into `workspace`, whose store must hold no workspace yet: open it without
 * ws_open_options.create. Needs no member, as ws_workspace_bootstrap.
 * Everything comes back under its ids and revisions; rollups are
 * recomputed. One transaction: on any error nothing is imported, and the
 * message names the position (record index and byte offset, or the JSON
 * path or parser message). `progress` (may be NULL) is called with
 * `user_data` as records are restored. Thread-safe as the workspace.
 * Errors: WS_EPRECONDITION (the store already holds a workspace, is
 * read-only, or the snapshot's format version is newer than
 * WS_SNAPSHOT_FORMAT_VERSION), WS_EINVAL (NULL workspace or data, not a
 * snapshot, over WS_MAX_SNAPSHOT_BYTES, content that breaks a rule),
 * WS_EDATALOSS (a truncated or corrupt binary snapshot), WS_EEXISTS (an id
 * given twice), WS_EUNAVAILABLE (the store stayed busy). */
WS_API int ws_import_snapshot(ws_workspace *workspace, const void *data,
                              size_t size, ws_progress_fn progress,
                              void *user_data);

/* What an import created, and what it could not carry over as it was. A
 * plain value; its issues are borrowed from it. */
typedef struct ws_import_report ws_import_report;
typedef struct ws_import_issue ws_import_issue;

WS_API int64_t ws_import_report_projects_created(const ws_import_report *r);
WS_API int64_t ws_import_report_tasks_created(const ws_import_report *r);
WS_API int64_t ws_import_report_comments_created(const ws_import_report *r);
WS_API int64_t ws_import_report_time_entries_created(const ws_import_report *r);
WS_API int64_t ws_import_report_timers_started(const ws_import_report *r);
/* The issues, in input order. */
WS_API size_t ws_import_report_issue_count(const ws_import_report *r);
/* Borrowed from the report; NULL when i is out of range. */
WS_API const ws_import_issue *ws_import_report_issue(const ws_import_report *r,
                                                     size_t i);
/* NULL-safe. */
WS_API void ws_import_report_free(ws_import_report *r);

/* The item ("tasks[3] (uuid ...)", "intervals[7] (@8)"), the field
 * ("depends", "status", a user-defined attribute), its value as text, and
 * what was done instead ("not imported", ...). Borrowed from the report. */
WS_API const char *ws_import_issue_item(const ws_import_issue *issue);
WS_API const char *ws_import_issue_field(const ws_import_issue *issue);
WS_API const char *ws_import_issue_value(const ws_import_issue *issue);
WS_API const char *ws_import_issue_reason(const ws_import_issue *issue);

/* Options of ws_import_taskwarrior. Strings are copied by the call. */
typedef struct ws_taskwarrior_options {
  unsigned int version; /* WS_TASKWARRIOR_OPTIONS_VERSION */
  /* The project of tasks that have none (found by name, else created).
   * NULL: "Inbox". */
  const char *default_project;
  /* The IANA zone Taskwarrior ran in, which decides the day of a due or
   * scheduled date. NULL or "": the workspace's. */
  const char *time_zone;
} ws_taskwarrior_options;
#define WS_TASKWARRIOR_OPTIONS_VERSION 1
#define WS_TASKWARRIOR_OPTIONS_INIT \
  { WS_TASKWARRIOR_OPTIONS_VERSION, NULL, NULL }

/* Imports the JSON array `task export` prints, `size` bytes at `json`
 * (need not be NUL-terminated). Projects "A.B.C" become project "C" in
 * folder "A.B"; pending and waiting tasks open tasks, completed ones done
 * tasks; deleted tasks and recurring templates are not imported
 * (reported); priority H, M, L become 8, 5, 2; annotations become comments
 * by the session's member (the whole mapping: docs/imports.md). `options`
 * may be NULL (the INIT values); `progress` (may be NULL) is called with
 * `user_data` once per task. On success *out receives the report (free
 * with ws_import_report_free). Errors: WS_EINVAL (NULL, a bad options
 * version, input that is not such an array, a bad date, duplicate uuids,
 * an unknown time zone: the message names the task's index and uuid),
 * WS_EPERM (e.g. creating a project as an employee), WS_EPRECONDITION
 * (through a transaction's session: imports do not nest), WS_EUNAVAILABLE
 * (the store stayed busy). */
WS_API int ws_import_taskwarrior(ws_session *session, const char *json,
                                 size_t size,
                                 const ws_taskwarrior_options *options,
                                 ws_progress_fn progress, void *user_data,
                                 ws_import_report **out);

/* Options of ws_import_timewarrior. Strings are copied by the call. */
typedef struct ws_timewarrior_options {
  unsigned int version; /* WS_TIMEWARRIOR_OPTIONS_VERSION */
  /* An interval's task is named by its first tag that starts with this
   * prefix and holds `separator`: "Client.Site:Landing page" (prefix
   * stripped) is task "Landing page" of project "Site" in folder "Client".
   * Both are found by name, else created; the interval's other tags are
   * added to the task's tags. NULL or "": every tag is a candidate. */
  const char *task_tag_prefix;
  const char *separator; /* NULL: ":" */
  /* Where intervals without such a tag go. NULL: "Timewarrior"; "": they
   * are not imported (reported). */
  const char *fallback_project;
  const char *fallback_task; /* NULL: "Untagged time" */
} ws_timewarrior_options;
#define WS_TIMEWARRIOR_OPTIONS_VERSION 1
#define WS_TIMEWARRIOR_OPTIONS_INIT \
  { WS_TIMEWARRIOR_OPTIONS_VERSION, NULL, NULL, NULL, NULL }

/* Imports the JSON array `timew export` prints, `size` bytes at `json`
 * (need not be NUL-terminated): each closed interval becomes a time entry
 * of the session's member (its annotation the note); an open interval
 * starts the member's timer at its start. Intervals longer than 24 hours
 * or of zero length are not imported (reported). `options` may be NULL;
 * `progress` (may be NULL) is called with `user_data` once per interval.
 * On success *out receives the report (free with ws_import_report_free).
 * Errors: WS_EINVAL (NULL, a bad options version, bad input: the message
 * names the interval's index), WS_EPRECONDITION (an open interval while
 * the member's timer runs, a locked period, a transaction's session),
 * WS_EPERM, WS_EUNAVAILABLE. */
WS_API int ws_import_timewarrior(ws_session *session, const char *json,
                                 size_t size,
                                 const ws_timewarrior_options *options,
                                 ws_progress_fn progress, void *user_data,
                                 ws_import_report **out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WORKSECTION_C_H_ */
