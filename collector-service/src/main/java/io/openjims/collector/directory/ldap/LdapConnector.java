package io.openjims.collector.directory.ldap;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.openjims.collector.directory.ldap.DirectoryFailure.Reason;
import io.openjims.support.tls.Pem;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/** Opens an authenticated connection to a directory: ldap://, ldaps:// or ldap:// with StartTLS. */
public final class LdapConnector {

    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public LdapConnector(Duration connectTimeout, Duration responseTimeout) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    /** Connects and binds; the caller closes the connection. */
    public LDAPConnection connect(DirectorySettings settings) throws DirectoryFailure {
        URI uri = URI.create(settings.url());
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ldaps = scheme.equals("ldaps");
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : (ldaps ? 636 : 389);
        String where = host + ":" + port;

        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) connectTimeout.toMillis());
        options.setResponseTimeoutMillis(responseTimeout.toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setAutoReconnect(false);

        LDAPConnection connection;
        try {
            connection = ldaps
                    ? new LDAPConnection(socketFactory(settings.caPem()), options, host, port)
                    : new LDAPConnection(options, host, port);
        } catch (LDAPException e) {
            throw connectFailure(e, where, ldaps || settings.startTls());
        }
        try {
            if (!ldaps && settings.startTls()) {
                ExtendedResult result = connection.processExtendedOperation(
                        new StartTLSExtendedRequest(socketFactory(settings.caPem())));
                if (result.getResultCode() != ResultCode.SUCCESS) {
                    throw new DirectoryFailure(
                            Reason.TLS_FAILED,
                            "StartTLS refused by " + where + ": "
                                    + describe(result.getResultCode(), result.getDiagnosticMessage()));
                }
            }
            BindResult bind = connection.bind(new SimpleBindRequest(settings.bindDn(), settings.bindPassword()));
            if (bind.getResultCode() != ResultCode.SUCCESS) {
                throw new DirectoryFailure(
                        Reason.BIND_FAILED,
                        "bind as " + settings.bindDn() + " rejected: "
                                + describe(bind.getResultCode(), bind.getDiagnosticMessage()));
            }
            return connection;
        } catch (LDAPException e) {
            connection.close();
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                throw new DirectoryFailure(
                        Reason.BIND_FAILED,
                        "bind as " + settings.bindDn() + " rejected: invalid credentials (check bind_dn and"
                                + " bind_password)",
                        e);
            }
            throw connectFailure(e, where, true);
        } catch (DirectoryFailure e) {
            connection.close();
            throw e;
        }
    }

    private static SSLSocketFactory socketFactory(String caPem) throws DirectoryFailure {
        try {
            SSLUtil ssl = caPem == null || caPem.isBlank()
                    ? new SSLUtil(JVMDefaultTrustManager.getInstance())
                    : new SSLUtil(trustManagers(caPem));
            return ssl.createSSLSocketFactory("TLSv1.2");
        } catch (GeneralSecurityException e) {
            throw new DirectoryFailure(Reason.TLS_FAILED, "TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** Trust managers that trust exactly the certificates of the PEM text. */
    public static TrustManager[] trustManagers(String caPem) throws GeneralSecurityException {
        try {
            return Pem.trustManagers(caPem).getTrustManagers();
        } catch (IllegalArgumentException e) {
            throw new CertificateException("ca_pem: " + e.getMessage(), e);
        }
    }

    private static DirectoryFailure connectFailure(LDAPException e, String where, boolean tls) {
        Reason reason;
        if (findTlsCause(e) != null || (tls && String.valueOf(e.getMessage()).contains("SSL"))) {
            reason = Reason.TLS_FAILED;
        } else if (e.getResultCode() == ResultCode.TIMEOUT) {
            reason = Reason.TIMEOUT;
        } else if (e.getResultCode() == ResultCode.CONNECT_ERROR || e.getResultCode() == ResultCode.SERVER_DOWN) {
            reason = Reason.UNREACHABLE;
        } else {
            reason = Reason.FAILED;
        }
        return new DirectoryFailure(reason, describeConnectFailure(e, where, tls), e);
    }

    private static String describeConnectFailure(LDAPException e, String where, boolean tls) {
        Throwable tlsCause = findTlsCause(e);
        if (tlsCause != null || (tls && String.valueOf(e.getMessage()).contains("SSL"))) {
            String detail = tlsCause != null ? tlsCause.getMessage() : e.getMessage();
            if (String.valueOf(detail).toLowerCase(Locale.ROOT).contains("hostname")
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("hostname")) {
                return "TLS handshake with " + where + " failed: the server certificate does not name the host of the"
                        + " URL (" + shorten(detail) + ")";
            }
            return "TLS handshake with " + where + " failed: the server certificate is not trusted by ca_pem (or"
                    + " the system trust store): " + shorten(detail);
        }
        if (e.getResultCode() == ResultCode.TIMEOUT) {
            return "no answer from " + where + " (timeout)";
        }
        if (e.getResultCode() == ResultCode.CONNECT_ERROR || e.getResultCode() == ResultCode.SERVER_DOWN) {
            return "cannot connect to " + where + ": " + shorten(rootMessage(e));
        }
        return describe(
                e.getResultCode(), e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getMessage());
    }

    static String describe(ResultCode code, String diagnostic) {
        String text = code.getName() + " (" + code.intValue() + ")";
        return diagnostic == null || diagnostic.isBlank() ? text : text + ": " + shorten(diagnostic);
    }

    private static Throwable findTlsCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException
                    || t instanceof CertPathValidatorException
                    || t instanceof CertificateException) {
                return t;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : e.getMessage();
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
