/** The store's primary button, in forms and sign-ins alike. */
export const PRIMARY_BUTTON_CLASS = "self-start rounded-lg bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60";
