/** The audit log of sign-ins and of what admins and managers do, and its API for admins. */
package cn.dongli.carbonmap.audit;
