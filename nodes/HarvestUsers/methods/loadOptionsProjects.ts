// loadOptions for project-related dropdowns (tasks, assignments, rates). Filled in with the rate/assignment operations.
export {};
