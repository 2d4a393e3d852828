package io.openjims.cli.core;

import java.io.Console;

/** Hidden-input prompts; interactive only when both standard input and output are a terminal. */
public interface Terminal {

    boolean interactive();

    /** Reads a line without echo; null at end of input. */
    char[] readHidden(String prompt);

    /** No terminal: every secret must come from a file. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public char[] readHidden(String prompt) {
            return null;
        }
    };

    /** The process's terminal (System.console()). */
    static Terminal system() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public char[] readHidden(String prompt) {
                Console console = System.console();
                if (console == null) {
                    return null;
                }
                return console.readPassword("%s", prompt);
            }
        };
    }
}
