package io.openjims.query.view.repository;

import io.openjims.query.view.model.AliasOwner;
import io.openjims.query.view.model.UserKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What the view reads of the directory, inside the writing transaction; the directory feature implements it. */
public interface UserDirectory {

    /** Who claims each lower-case domain name as producers wrote it (NetBIOS, UPN suffix), with their sites. */
    Map<String, List<AliasOwner>> resolveAliases(Connection c, Collection<String> namesLc) throws SQLException;

    /** The directory groups (lower-case names) of each user; users not in the directory are absent. */
    Map<UserKey, List<String>> groupsOf(Connection c, Collection<UserKey> users) throws SQLException;
}
