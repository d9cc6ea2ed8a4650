package cn.degreehub;

import cn.degreehub.common.ChinaTime;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DegreeHubApplication {

    public static void main(String[] args) {
        // dates of the degree business are China dates, whatever the host's zone
        TimeZone.setDefault(TimeZone.getTimeZone(ChinaTime.ZONE));
        SpringApplication.run(DegreeHubApplication.class, args);
    }
}
