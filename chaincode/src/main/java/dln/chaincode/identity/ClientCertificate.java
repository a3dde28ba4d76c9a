package dln.chaincode.identity;

import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * A committee member signs transactions, so its certificate must be a member organisation's
 * client identity. The network's MSPs use Fabric NodeOUs (cryptogen with EnableNodeOUs), which
 * classify an identity by the OU of its subject: client, peer, orderer or admin. cryptogen's
 * enrolment certificates carry "OU=client" (users), "OU=admin", "OU=peer" or "OU=orderer"; its
 * CA and TLS CA certificates are CAs; its TLS certificates carry no role OU. Refused here: no
 * "client" OU (or another role OU beside it), a CA certificate, a key that may not sign, and a
 * certificate meant for TLS servers only.
 */
final class ClientCertificate {

    static final String CLIENT_OU = "client";
    private static final List<String> OTHER_ROLES = List.of("peer", "orderer", "admin");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private ClientCertificate() {
    }

    static void require(final X509Certificate cert, final String where) {
        if (cert.getBasicConstraints() >= 0) {
            refuse(where, "is a CA certificate (basicConstraints CA=true); name the member's enrolment certificate (msp/signcerts)");
        }
        final List<String> ous = organisationalUnits(cert.getSubjectX500Principal());
        if (!ous.contains(CLIENT_OU)) {
            refuse(where, "is not a client identity: its subject has OU " + ous + ", a member must have OU=client"
                    + " (a peer, orderer, admin or TLS certificate cannot be a committee member)");
        }
        for (final String role : OTHER_ROLES) {
            if (ous.contains(role)) {
                refuse(where, "names the roles " + ous + "; a committee member is a client identity only");
            }
        }
        final boolean[] keyUsage = cert.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
            refuse(where, "has a key usage without digitalSignature, so it cannot sign the member's transactions");
        }
        final List<String> extended = extendedKeyUsage(cert, where);
        if (extended != null && extended.contains(SERVER_AUTH) && !extended.contains(CLIENT_AUTH) && !extended.contains(ANY_USAGE)) {
            refuse(where, "is a TLS server certificate (extendedKeyUsage serverAuth without clientAuth)");
        }
    }

    private static List<String> organisationalUnits(final X500Principal subject) {
        final List<String> out = new ArrayList<>();
        try {
            for (final Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if ("OU".equalsIgnoreCase(rdn.getType())) {
                    out.add(String.valueOf(rdn.getValue())); // exact, as the MSP compares NodeOU identifiers
                }
            }
        } catch (InvalidNameException e) {
            throw Violation.of(Rule.INVALID_CERTIFICATE, "the certificate's subject cannot be read: " + e.getMessage());
        }
        return out;
    }

    private static List<String> extendedKeyUsage(final X509Certificate cert, final String where) {
        try {
            return cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw Violation.of(Rule.INVALID_CERTIFICATE, where + " has an unreadable extendedKeyUsage: " + e.getMessage());
        }
    }

    private static void refuse(final String where, final String why) {
        throw Violation.of(Rule.NOT_CLIENT_CERTIFICATE, where + " " + why);
    }
}
