package io.peerclaw.node.accounts;

/** The use cases people drive on their own account, through {@code /auth/…}. */
record SelfService(
        SignUp signUp,
        SignIn signIn,
        Sessions sessions,
        EmailCodes codes,
        Profiles profiles,
        UserApiKeys keys) {}
