// loadOptions for people-related dropdowns (users, roles, timezones). Filled in with the user/teammate/role operations.
export {};
