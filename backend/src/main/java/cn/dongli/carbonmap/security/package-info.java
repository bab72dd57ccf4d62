/** Accounts, roles and who may do what: anonymous reads, authenticated writes, the first admin account. */
package cn.dongli.carbonmap.security;
